import type { CaseRecord } from '../cases/caseRecord';
import { caseSlas } from '../cases/caseSlas';
import type { StatusUpdate } from '../fieldwork/statusUpdate';
import { serviceDeskCalendar } from '../sla/slaPolicy';
import { workOrderSlas } from '../sla/workOrderSla';
import type { TimelineEvent } from '../timeline/timelineEvent';
import type { WorkOrder } from '../workorders/workOrder';
import type { WorkOrderCommand } from '../workorders/workOrderCommand';
import type { KpiFact } from './kpiFact';

/*
 * Facts from the places things happen, each a pure reading of what that place already has in
 * hand, so every call site stays one line.
 */

export const caseOpenedFacts = (record: CaseRecord): KpiFact[] => [
  { kind: 'caseOpened', caseId: record.id, at: record.createdAt },
];

export const caseEscalatedFacts = (record: CaseRecord): KpiFact[] => [
  { kind: 'caseEscalated', caseId: record.id, at: record.createdAt },
];

/** A change that resolved the case: first call when no work order was ever linked, and its resolution SLA. */
export function caseChangeFacts(before: CaseRecord, after: CaseRecord): KpiFact[] {
  if (before.state.status === 'Resolved' || after.state.status !== 'Resolved') return [];
  const at = after.resolvedAt ?? after.updatedAt;
  const resolution = caseSlas(after, serviceDeskCalendar, new Date(at)).resolution;
  return [
    {
      kind: 'caseResolved',
      caseId: after.id,
      at,
      firstCall: after.workOrders.length === 0,
      slaMet: resolution.state !== 'failed',
    },
  ];
}

/** The journey's applied commands: a contact round began, or ended on hold with no answer. */
export function journeyCommandFacts(
  workOrderId: string,
  at: string,
  applied: readonly WorkOrderCommand[],
): KpiFact[] {
  return applied.flatMap((command): KpiFact[] => {
    if (command.type === 'startContact' || command.type === 'resume')
      return [{ kind: 'contactStarted', workOrderId, at }];
    if (command.type === 'putOnHold' && command.reason === 'noContact')
      return [{ kind: 'noContact', workOrderId, at }];
    return [];
  });
}

/**
 * A visit ended (as the technician reported it, at the phone's time): completed with its
 * end-to-end time and time-to-complete SLA (from the work order's timeline, which has its holds),
 * or incomplete with the reason (`customerAbsent` is the no-show).
 */
export function visitFacts(
  workOrder: WorkOrder,
  update: StatusUpdate,
  timeline: readonly TimelineEvent[],
): KpiFact[] {
  switch (update.status) {
    case 'completed': {
      const at = update.clientTimestamp;
      const sla = workOrderSlas(workOrder, timeline, new Date(at)).timeToComplete;
      return [
        {
          kind: 'visitCompleted',
          workOrderId: workOrder.id,
          at,
          receivedAt: workOrder.receivedAt,
          slaMet: sla.state !== 'failed',
        },
      ];
    }
    case 'incomplete':
      return [
        {
          kind: 'visitIncomplete',
          workOrderId: workOrder.id,
          at: update.clientTimestamp,
          reason: update.reason,
        },
      ];
    case 'enRoute':
    case 'onSite':
      return [];
    default: {
      const unhandled: never = update;
      throw new Error(`unknown status update ${JSON.stringify(unhandled)}`);
    }
  }
}

/** A stored survey answer (the timeline event the survey page writes). */
export function surveyFacts(event: TimelineEvent): KpiFact[] {
  const score = event.data?.['score'];
  if (event.type !== 'customer.surveyAnswered' || typeof score !== 'number') return [];
  return [{ kind: 'surveyAnswered', workOrderId: event.subjectId, at: event.occurredAt, score }];
}
