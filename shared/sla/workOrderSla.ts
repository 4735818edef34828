import type { TimelineEvent } from '../timeline/timelineEvent';
import type { WorkOrder } from '../workorders/workOrder';
import { slaAt, type SlaView } from './slaClock';
import type { SlaLogEntry } from './slaLog';
import { slaTerms } from './slaPolicy';

/** Timeline event types (`workOrder.<command>`) that move a work order's clocks. */
const stopsDispatch = new Set(['workOrder.dispatch']);
const stopsCompletion = new Set(['workOrder.complete', 'workOrder.cancel']);
const pauses = new Set(['workOrder.putOnHold']);
const resumes = new Set(['workOrder.resume', 'workOrder.book']);

function logFor(
  workOrder: WorkOrder,
  events: readonly TimelineEvent[],
  stops: ReadonlySet<string>,
): SlaLogEntry[] {
  const log: SlaLogEntry[] = [{ kind: 'start', at: workOrder.receivedAt, priority: workOrder.priority }];
  for (const event of events) {
    if (stops.has(event.type)) log.push({ kind: 'stop', at: event.occurredAt });
    else if (pauses.has(event.type)) log.push({ kind: 'pause', at: event.occurredAt });
    else if (resumes.has(event.type)) log.push({ kind: 'resume', at: event.occurredAt });
  }
  return log;
}

/** Time to dispatch and time to complete, from the work order's own timeline; on hold pauses both. */
export function workOrderSlas(
  workOrder: WorkOrder,
  events: readonly TimelineEvent[],
  now: Date,
): { readonly timeToDispatch: SlaView; readonly timeToComplete: SlaView } {
  return {
    timeToDispatch: slaAt(
      logFor(workOrder, events, stopsDispatch),
      slaTerms('timeToDispatch', undefined),
      now,
    ),
    timeToComplete: slaAt(
      logFor(workOrder, events, stopsCompletion),
      slaTerms('timeToComplete', undefined),
      now,
    ),
  };
}
