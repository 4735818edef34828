import { createHash } from 'node:crypto';
import { journeyCommandFacts } from '../../../shared/kpis/factsFrom';
import type { TimelineEvent } from '../../../shared/timeline/timelineEvent';
import type { WorkOrderCommand } from '../../../shared/workorders/workOrderCommand';
import { transitionWorkOrder } from '../../../shared/workorders/workOrderMachine';
import type { WorkOrderState } from '../../../shared/workorders/workOrderState';
import type { WorkOrder } from '../../../shared/workorders/workOrder';
import { UpdateWorkOrderInput, type UpdateWorkOrderOutput } from '../activityContracts';
import type { JourneyActivityDependencies } from './dependencies';

/**
 * True when the work order already shows what the command would make true, because another writer
 * (the technician API, intake, the booking page) applied it first or this activity is a retry.
 */
export function alreadyInEffect(state: WorkOrderState, command: WorkOrderCommand): boolean {
  switch (command.type) {
    case 'startContact':
    case 'resume':
    case 'unschedule':
      return state.status === 'AwaitingCustomer';
    case 'book':
    case 'reschedule':
      return (
        'appointmentId' in state &&
        state.appointmentId === command.appointmentId &&
        state.status !== 'Incomplete'
      );
    case 'dispatch':
      return state.status === 'Dispatched' && state.technicianId === command.technicianId;
    case 'startTravel':
      return state.status === 'EnRoute';
    case 'arrive':
      return state.status === 'OnSite';
    case 'complete':
      return state.status === 'Completed' || (state.status === 'Closed' && state.outcome === 'completed');
    case 'markIncomplete':
      return state.status === 'Incomplete' || (state.status === 'Closed' && state.outcome === 'incomplete');
    case 'putOnHold':
      return state.status === 'OnHold';
    case 'cancel':
      return state.status === 'Cancelled';
    case 'close':
      return state.status === 'Closed';
    default: {
      const unhandled: never = command;
      throw new Error(`unknown command ${JSON.stringify(unhandled)}`);
    }
  }
}

interface Applied {
  readonly workOrder: WorkOrder;
  readonly changed: readonly WorkOrderCommand[];
  readonly refused?: string;
}

function applyAll(workOrder: WorkOrder, commands: readonly WorkOrderCommand[], at: string): Applied {
  let state = workOrder.state;
  const changed: WorkOrderCommand[] = [];
  for (const command of commands) {
    if (alreadyInEffect(state, command)) continue;
    const next = transitionWorkOrder(state, command);
    if (!next.ok) return { workOrder: { ...workOrder, state }, changed, refused: next.error.message };
    state = next.value;
    changed.push(command);
  }
  return { workOrder: { ...workOrder, state, updatedAt: at }, changed };
}

const eventIdFor = (workOrderId: string, at: string, command: WorkOrderCommand): string =>
  `EV-${createHash('sha256')
    .update(JSON.stringify([workOrderId, at, command]))
    .digest('hex')
    .slice(0, 32)}`;

const maxConflicts = 5;

/**
 * Applies the journey's commands to the work order through the state machine, with an ETag so a
 * concurrent writer is never overwritten (re-read and re-apply on conflict). Each change is also
 * a timeline event whose id derives from the command and time, so a retry writes it once.
 */
export async function updateWorkOrder(
  raw: unknown,
  deps: JourneyActivityDependencies,
): Promise<UpdateWorkOrderOutput> {
  const input = UpdateWorkOrderInput.parse(raw);
  for (let conflicts = 0; conflicts < maxConflicts; conflicts++) {
    const current = await deps.records.getWorkOrder(input.workOrderId);
    if (current === undefined) throw new Error(`work order ${input.workOrderId} not found`);
    const applied = applyAll(current.value, input.commands, input.at);
    if (applied.changed.length > 0) {
      const written = await deps.records.replaceWorkOrder(applied.workOrder, current.etag);
      if (written === 'conflict') continue;
    }
    for (const command of applied.changed) {
      const event: TimelineEvent = {
        id: eventIdFor(input.workOrderId, input.at, command),
        docType: 'event',
        subjectId: input.workOrderId,
        subjectType: 'workOrder',
        type: `workOrder.${command.type}`,
        occurredAt: input.at,
        actor: { kind: 'system', id: 'journey' },
        summary: `Journey applied ${command.type}`,
        correlationId: input.correlationId,
      };
      await deps.records.addTimelineEvent(event);
    }
    await deps.recordKpiFacts?.(journeyCommandFacts(current.value, input.at, applied.changed));
    // Cases follow their work orders (booked, on hold, closed unreachable, cancelled); a retry syncs again harmlessly.
    if (applied.changed.length > 0 && applied.workOrder.caseIds.length > 0)
      await deps.syncCases?.(applied.workOrder);
    return {
      status: applied.workOrder.state.status,
      ...(applied.refused === undefined ? {} : { refused: applied.refused }),
    };
  }
  throw new Error(`work order ${input.workOrderId} kept changing under the journey; retry`);
}
