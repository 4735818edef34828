import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseCommand } from '../../../shared/cases/caseCommand';
import { transitionCase } from '../../../shared/cases/caseMachine';
import { CaseState, initialCaseState, isTerminalCaseStatus } from '../../../shared/cases/caseState';

const commands: readonly CaseCommand[] = [
  { type: 'startWork' },
  { type: 'awaitCustomer' },
  { type: 'hold' },
  { type: 'referToFieldService' },
  { type: 'resolve', reason: 'ProblemSolved' },
  { type: 'resolve', reason: 'InformationProvided' },
  { type: 'cancel', reason: 'Withdrawn' },
  { type: 'cancel', reason: 'Duplicate' },
  { type: 'reactivate' },
];

const states: readonly CaseState[] = [
  initialCaseState,
  { status: 'Active', reason: 'InProgress' },
  { status: 'Active', reason: 'WaitingForCustomer' },
  { status: 'Active', reason: 'OnHold' },
  { status: 'Active', reason: 'InFieldService' },
  { status: 'Resolved', reason: 'ProblemSolved' },
  { status: 'Resolved', reason: 'InformationProvided' },
  { status: 'Cancelled', reason: 'Withdrawn' },
];

const apply = (state: CaseState, command: CaseCommand) => transitionCase(state, command);

describe('case state machine', () => {
  it.each([
    [{ type: 'startWork' }, { status: 'Active', reason: 'InProgress' }],
    [{ type: 'awaitCustomer' }, { status: 'Active', reason: 'WaitingForCustomer' }],
    [{ type: 'hold' }, { status: 'Active', reason: 'OnHold' }],
    [{ type: 'referToFieldService' }, { status: 'Active', reason: 'InFieldService' }],
    [
      { type: 'resolve', reason: 'ProblemSolved' },
      { status: 'Resolved', reason: 'ProblemSolved' },
    ],
    [
      { type: 'resolve', reason: 'InformationProvided' },
      { status: 'Resolved', reason: 'InformationProvided' },
    ],
    [
      { type: 'cancel', reason: 'Duplicate' },
      { status: 'Cancelled', reason: 'Duplicate' },
    ],
  ] as const)('an active case takes %j', (command, expected) => {
    for (const from of states.filter((state) => state.status === 'Active')) {
      expect(apply(from, command)).toEqual({ ok: true, value: expected });
    }
  });

  it('reactivates a resolved case into InProgress', () => {
    expect(apply({ status: 'Resolved', reason: 'ProblemSolved' }, { type: 'reactivate' })).toEqual({
      ok: true,
      value: { status: 'Active', reason: 'InProgress' },
    });
  });

  it('refuses work on a resolved case until it is reactivated, naming the move', () => {
    expect(apply({ status: 'Resolved', reason: 'ProblemSolved' }, { type: 'startWork' })).toEqual({
      ok: false,
      error: { from: 'Resolved', command: 'startWork', message: 'cannot startWork a case that is Resolved' },
    });
    expect(apply(initialCaseState, { type: 'reactivate' }).ok).toBe(false);
  });

  it('keeps Cancelled terminal and every state valid under any command sequence', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...states),
        fc.array(fc.constantFrom(...commands), { maxLength: 30 }),
        (start, sequence) => {
          let state = start;
          let cancelled = isTerminalCaseStatus(state.status) ? state : undefined;
          for (const command of sequence) {
            const result = apply(state, command);
            if (result.ok) state = result.value;
            expect(CaseState.safeParse(state).success).toBe(true);
            if (cancelled) expect(state).toBe(cancelled);
            if (isTerminalCaseStatus(state.status)) cancelled ??= state;
          }
        },
      ),
    );
  });
});
