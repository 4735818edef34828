import { createHash } from 'node:crypto';
import type { TimelineActor, TimelineEvent } from '../timeline/timelineEvent';
import type { RouteChange, RouteChangeTrigger } from './dayChanges';

const because: Record<RouteChangeTrigger, string> = {
  nightly: 'nightly route planning',
  onDemand: 'a re-plan requested by dispatch',
  dispatcherMove: 'a dispatcher moving a visit',
  booking: 'a booking on the same day',
  dispatcherPin: 'a dispatcher pinning the visit',
  dispatcherUnpin: 'a dispatcher unpinning the visit',
  bookingReleased: 'a booking on the same day rescheduled or cancelled',
};

function summaryOf(change: RouteChange, trigger: RouteChangeTrigger): string {
  switch (change.kind) {
    case 'routed':
      return `Planned with ${change.after.technicianId}, arrival ${change.after.arrival} (${because[trigger]})`;
    case 'reassigned':
      return `Moved from ${change.before?.technicianId} to ${change.after.technicianId}, arrival ${change.after.arrival} (${because[trigger]})`;
    case 'retimed':
      return `Planned arrival moved from ${change.before?.arrival} to ${change.after.arrival} (${because[trigger]})`;
    case 'unplaced':
      return `No technician can take the visit: ${change.reason} (${because[trigger]})`;
    case 'pinned':
      return `Pinned to ${change.after.technicianId} as stop ${change.after.position + 1}, arrival ${change.after.arrival}: re-planning keeps it there (${because[trigger]})`;
    case 'unpinned':
      return `Pin taken off: stays with ${change.after.technicianId} until the next re-plan may move it (${because[trigger]})`;
    default: {
      const unhandled: never = change;
      throw new Error(`unknown route change ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * The timeline entry of one route change, with the reason and who made it (the actor). Its id is
 * fixed by the plan version that made it, so an activity retried after a crash writes the same
 * entry again (a 409), not a second one.
 */
export function routeChangeEvent(
  change: RouteChange,
  planVersion: string,
  trigger: RouteChangeTrigger,
  at: string,
  actor: TimelineActor,
): TimelineEvent {
  const after = change.kind === 'unplaced' ? undefined : change.after;
  return {
    id: `EV-${createHash('sha256')
      .update(JSON.stringify([planVersion, change.visit.id, change.kind]))
      .digest('hex')
      .slice(0, 32)}`,
    docType: 'event',
    subjectId: change.visit.workOrderId,
    subjectType: 'workOrder',
    type: `dispatch.${change.kind}`,
    occurredAt: at,
    actor,
    summary: summaryOf(change, trigger),
    data: {
      trigger,
      appointmentId: change.visit.id,
      technicianId: after?.technicianId ?? null,
      previousTechnicianId: change.before?.technicianId ?? null,
      plannedArrival: after?.arrival ?? null,
      previousArrival: change.before?.arrival ?? null,
      sequence: after === undefined ? null : after.position + 1,
      reason: change.kind === 'unplaced' ? change.reason : null,
    },
    ...(change.visit.correlationId === undefined ? {} : { correlationId: change.visit.correlationId }),
  };
}
