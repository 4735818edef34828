import { createHash } from 'node:crypto';
import type { StatusUpdate } from '../fieldwork/statusUpdate';
import type { TimelineActor, TimelineEvent } from '../timeline/timelineEvent';
import type { WorkOrder } from '../workorders/workOrder';
import { slaAt, type SlaView } from './slaClock';
import type { SlaLogEntry } from './slaLog';
import type { SlaPolicies } from './slaPolicy';

/**
 * A work order's clocks read the `workOrder.<command>` events of its timeline, whoever wrote
 * them: the journey, the technician API (`complete`, `markIncomplete`) or intake (`cancelled`,
 * the utility's withdrawal).
 */
type Reading = 'pause' | 'resume' | 'dispatched' | 'completed' | 'incomplete' | 'cancelled' | 'closed';

const readings: Readonly<Record<string, Reading>> = {
  'workOrder.putOnHold': 'pause',
  'workOrder.resume': 'resume',
  'workOrder.book': 'resume',
  'workOrder.dispatch': 'dispatched',
  'workOrder.complete': 'completed',
  'workOrder.markIncomplete': 'incomplete',
  'workOrder.cancel': 'cancelled',
  'workOrder.cancelled': 'cancelled',
  'workOrder.close': 'closed',
};

type Clock = 'timeToDispatch' | 'timeToComplete';

/**
 * A closed work order's clock ends as a miss (closed unreachable, or incomplete with nobody going
 * back), except after a partly-done visit: its follow-up work order carries the job on, with the
 * same received time, so the job's outcome is counted there once.
 */
function logFor(workOrder: WorkOrder, events: readonly TimelineEvent[], clock: Clock): SlaLogEntry[] {
  const log: SlaLogEntry[] = [{ kind: 'start', at: workOrder.receivedAt, priority: workOrder.priority }];
  const ordered = [...events].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  let handedOver = false;
  for (const event of ordered) {
    const reading = readings[event.type];
    const at = event.occurredAt;
    switch (reading) {
      case undefined:
        break;
      case 'pause':
      case 'resume':
        log.push({ kind: reading, at });
        break;
      case 'dispatched':
        if (clock === 'timeToDispatch') log.push({ kind: 'stop', at });
        break;
      case 'completed':
        log.push({ kind: 'stop', at });
        break;
      case 'incomplete':
        handedOver = event.data?.['reason'] === 'partlyDone';
        break;
      case 'cancelled':
        log.push({ kind: 'cancel', at });
        break;
      case 'closed':
        log.push({ kind: handedOver ? 'cancel' : 'abandon', at });
        break;
      default: {
        const unhandled: never = reading;
        throw new Error(`unknown SLA reading ${String(unhandled)}`);
      }
    }
  }
  return log;
}

export interface WorkOrderSlas {
  readonly timeToDispatch: SlaView;
  readonly timeToComplete: SlaView;
}

/** Time to dispatch and time to complete, from the work order's own timeline; on hold pauses both. */
export function workOrderSlas(
  workOrder: WorkOrder,
  events: readonly TimelineEvent[],
  policies: SlaPolicies,
  now: Date,
): WorkOrderSlas {
  return {
    timeToDispatch: slaAt(logFor(workOrder, events, 'timeToDispatch'), policies.timeToDispatch, now),
    timeToComplete: slaAt(logFor(workOrder, events, 'timeToComplete'), policies.timeToComplete, now),
  };
}

/**
 * The `workOrder.complete` / `workOrder.markIncomplete` event of a visit the technician ended,
 * in the journey's own form, so the clocks stop where the completion happens (the journey later
 * finds the work order already completed and writes nothing). It is stamped with the phone's
 * time (an offline phone reports late), but never later than `receivedBy` (a phone clock ahead
 * must not stretch the clock); one behind counts as the start at the earliest (see `orderedLog`).
 * The id follows from the update id, so a retried request writes it once.
 */
export function visitEndEvent(
  workOrder: Pick<WorkOrder, 'id' | 'correlationId'>,
  update: StatusUpdate,
  actor: TimelineActor,
  receivedBy: Date,
): TimelineEvent | undefined {
  if (update.status !== 'completed' && update.status !== 'incomplete') return undefined;
  const command = update.status === 'completed' ? 'complete' : 'markIncomplete';
  const at = new Date(Math.min(Date.parse(update.clientTimestamp), receivedBy.getTime())).toISOString();
  return {
    id: `EV-${createHash('sha256')
      .update(JSON.stringify([workOrder.id, command, update.updateId]))
      .digest('hex')
      .slice(0, 32)}`,
    docType: 'event',
    subjectId: workOrder.id,
    subjectType: 'workOrder',
    type: `workOrder.${command}`,
    occurredAt: at,
    actor,
    summary: command === 'complete' ? 'Visit completed' : 'Visit ended incomplete',
    data: update.status === 'incomplete' ? { reason: update.reason } : {},
    correlationId: workOrder.correlationId,
  };
}
