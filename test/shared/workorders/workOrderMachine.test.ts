import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WorkOrderCommand } from '../../../shared/workorders/workOrderCommand';
import { transitionWorkOrder } from '../../../shared/workorders/workOrderMachine';
import {
  WorkOrderState,
  initialWorkOrderState,
  isTerminalWorkOrderStatus,
  workOrderStatuses,
  type WorkOrderStatus,
} from '../../../shared/workorders/workOrderState';

const visit = { appointmentId: 'AP-1', technicianId: 'TECH-1' };

/** One representative state per status, so each listed move can be tried from its source. */
const sampleStates: Readonly<Record<WorkOrderStatus, WorkOrderState>> = {
  Received: { status: 'Received' },
  AwaitingCustomer: { status: 'AwaitingCustomer' },
  Scheduled: { status: 'Scheduled', appointmentId: 'AP-1' },
  Dispatched: { status: 'Dispatched', ...visit },
  EnRoute: { status: 'EnRoute', ...visit },
  OnSite: { status: 'OnSite', ...visit },
  Completed: { status: 'Completed', ...visit },
  Incomplete: { status: 'Incomplete', ...visit, reason: 'customerAbsent' },
  OnHold: { status: 'OnHold', reason: 'noContact' },
  Cancelled: { status: 'Cancelled', by: 'utility' },
  Closed: { status: 'Closed', outcome: 'completed' },
};

const commands: readonly WorkOrderCommand[] = [
  { type: 'startContact' },
  { type: 'book', appointmentId: 'AP-2' },
  { type: 'reschedule', appointmentId: 'AP-3' },
  { type: 'dispatch', technicianId: 'TECH-2' },
  { type: 'startTravel' },
  { type: 'arrive' },
  { type: 'complete' },
  { type: 'markIncomplete', reason: 'customerAbsent' },
  { type: 'markIncomplete', reason: 'partlyDone' },
  { type: 'putOnHold', reason: 'noContact' },
  { type: 'resume' },
  { type: 'cancel', by: 'customer' },
  { type: 'close' },
];

const commandOf = (type: WorkOrderCommand['type']): WorkOrderCommand => {
  const found = commands.find((command) => command.type === type);
  if (!found) throw new Error(type);
  return found;
};

/** The moves the journey, the technician API and ops rely on, written out independently of the machine. */
const requiredMoves: ReadonlyArray<readonly [WorkOrderStatus, WorkOrderCommand['type'], WorkOrderStatus]> = [
  ['Received', 'startContact', 'AwaitingCustomer'],
  ['AwaitingCustomer', 'book', 'Scheduled'],
  ['OnHold', 'book', 'Scheduled'],
  ['Scheduled', 'reschedule', 'Scheduled'],
  ['Dispatched', 'reschedule', 'Scheduled'],
  ['Scheduled', 'dispatch', 'Dispatched'],
  ['Dispatched', 'dispatch', 'Dispatched'],
  ['Dispatched', 'startTravel', 'EnRoute'],
  ['EnRoute', 'arrive', 'OnSite'],
  ['OnSite', 'complete', 'Completed'],
  ['OnSite', 'markIncomplete', 'Incomplete'],
  ['EnRoute', 'markIncomplete', 'Incomplete'],
  ['Incomplete', 'startContact', 'AwaitingCustomer'],
  ['AwaitingCustomer', 'putOnHold', 'OnHold'],
  ['OnHold', 'resume', 'AwaitingCustomer'],
  ['Completed', 'close', 'Closed'],
  ['OnHold', 'close', 'Closed'],
  ['Incomplete', 'close', 'Closed'],
  ...(
    [
      'Received',
      'AwaitingCustomer',
      'Scheduled',
      'Dispatched',
      'EnRoute',
      'OnSite',
      'Incomplete',
      'OnHold',
    ] as const
  ).map((from) => [from, 'cancel', 'Cancelled'] as const),
];

const run = (state: WorkOrderState, sequence: readonly WorkOrderCommand[]): WorkOrderState[] => {
  const visited = [state];
  let current = state;
  for (const command of sequence) {
    const result = transitionWorkOrder(current, command);
    if (result.ok) current = result.value;
    visited.push(current);
  }
  return visited;
};

describe('work-order state machine', () => {
  it.each(requiredMoves)('%s --%s--> %s', (from, command, to) => {
    const result = transitionWorkOrder(sampleStates[from], commandOf(command));
    expect(result.ok && result.value.status).toBe(to);
  });

  it('walks the happy path from receipt to closure, carrying the visit facts along', () => {
    const states = run(initialWorkOrderState, [
      { type: 'startContact' },
      { type: 'book', appointmentId: 'AP-9' },
      { type: 'dispatch', technicianId: 'TECH-7' },
      { type: 'startTravel' },
      { type: 'arrive' },
      { type: 'complete' },
      { type: 'close' },
    ]);
    expect(states.map((state) => state.status)).toEqual([
      'Received',
      'AwaitingCustomer',
      'Scheduled',
      'Dispatched',
      'EnRoute',
      'OnSite',
      'Completed',
      'Closed',
    ]);
    expect(states[6]).toEqual({ status: 'Completed', appointmentId: 'AP-9', technicianId: 'TECH-7' });
    expect(states[7]).toEqual({ status: 'Closed', outcome: 'completed' });
  });

  it('records why a work order closed from the state it closed from', () => {
    const closed = (from: WorkOrderStatus) => transitionWorkOrder(sampleStates[from], { type: 'close' });
    expect(closed('OnHold')).toEqual({ ok: true, value: { status: 'Closed', outcome: 'unreachable' } });
    expect(closed('Incomplete')).toEqual({ ok: true, value: { status: 'Closed', outcome: 'incomplete' } });
  });

  it('names the illegal move', () => {
    expect(transitionWorkOrder(sampleStates.Completed, { type: 'cancel', by: 'utility' })).toEqual({
      ok: false,
      error: {
        from: 'Completed',
        command: 'cancel',
        message: 'cannot cancel a work order that is Completed',
      },
    });
    expect(transitionWorkOrder(sampleStates.AwaitingCustomer, { type: 'arrive' })).toMatchObject({
      ok: false,
      error: { from: 'AwaitingCustomer', command: 'arrive' },
    });
  });

  it('refuses to skip steps: no arriving before travelling, no completing before arriving', () => {
    expect(transitionWorkOrder(sampleStates.Dispatched, { type: 'arrive' }).ok).toBe(false);
    expect(transitionWorkOrder(sampleStates.EnRoute, { type: 'complete' }).ok).toBe(false);
    expect(transitionWorkOrder(sampleStates.Received, { type: 'book', appointmentId: 'AP-1' }).ok).toBe(
      false,
    );
  });

  const commandArbitrary = fc.constantFrom(...commands);
  const stateArbitrary = fc.constantFrom(...Object.values(sampleStates));

  it('never reaches a state outside the schema, whatever the command sequence', () => {
    fc.assert(
      fc.property(stateArbitrary, fc.array(commandArbitrary, { maxLength: 40 }), (start, sequence) => {
        for (const state of run(start, sequence)) {
          expect(WorkOrderState.safeParse(state).success).toBe(true);
          expect(workOrderStatuses).toContain(state.status);
        }
      }),
    );
  });

  it('keeps terminal states terminal', () => {
    fc.assert(
      fc.property(stateArbitrary, fc.array(commandArbitrary, { maxLength: 40 }), (start, sequence) => {
        const states = run(start, sequence);
        const firstTerminal = states.findIndex((state) => isTerminalWorkOrderStatus(state.status));
        if (firstTerminal >= 0) {
          expect(states.slice(firstTerminal).every((state) => state === states[firstTerminal])).toBe(true);
        }
      }),
    );
  });

  it('answers every command in every state with a new state or a named refusal, never a throw', () => {
    fc.assert(
      fc.property(stateArbitrary, commandArbitrary, (state, command) => {
        const result = transitionWorkOrder(state, command);
        if (!result.ok)
          expect(result.error).toEqual(
            expect.objectContaining({ from: state.status, command: command.type }),
          );
      }),
    );
  });

  it('has no dead ends: every state but Cancelled can still reach Closed', () => {
    const reachable = (start: WorkOrderState): Set<WorkOrderStatus> => {
      const seen = new Set<string>();
      const statuses = new Set<WorkOrderStatus>();
      const queue = [start];
      for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
        const key = JSON.stringify(state);
        if (seen.has(key)) continue;
        seen.add(key);
        statuses.add(state.status);
        for (const command of commands) {
          const result = transitionWorkOrder(state, command);
          if (result.ok) queue.push(result.value);
        }
      }
      return statuses;
    };
    for (const state of Object.values(sampleStates).filter((sample) => sample.status !== 'Cancelled')) {
      expect([state.status, reachable(state).has('Closed')]).toEqual([state.status, true]);
    }
    expect([...reachable(initialWorkOrderState)].sort()).toEqual([...workOrderStatuses].sort());
  });
});
