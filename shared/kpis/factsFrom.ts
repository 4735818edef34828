import type { CaseRecord } from '../cases/caseRecord';
import { caseSlas } from '../cases/caseSlas';
import type { StatusUpdate } from '../fieldwork/statusUpdate';
import type { SlaView } from '../sla/slaClock';
import type { SlaCrossing } from '../sla/slaCrossings';
import type { SlaPolicies } from '../sla/slaPolicy';
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

/** The miss of a clock that failed, at the instant it did: the same fact whoever notices it. */
const breachOf = (subject: 'case' | 'workOrder', subjectId: string, view: SlaView): KpiFact[] =>
  view.state === 'failed' && view.failedAt !== undefined
    ? [{ kind: 'slaBreached', subject, subjectId, at: view.failedAt }]
    : [];

/** A change that resolved the case: whether no field visit was needed, and its resolution SLA. */
export function caseChangeFacts(before: CaseRecord, after: CaseRecord, policies: SlaPolicies): KpiFact[] {
  if (before.state.status === 'Resolved' || after.state.status !== 'Resolved') return [];
  const at = after.resolvedAt ?? after.updatedAt;
  const resolution = caseSlas(after, policies, new Date(at)).resolution;
  return [
    {
      kind: 'caseResolved',
      caseId: after.id,
      at,
      firstCall: after.workOrders.length === 0,
      slaMet: resolution.state !== 'failed',
    },
    ...breachOf('case', after.id, resolution),
  ];
}

/**
 * The journey's applied commands to a work order (as it was before them): a contact round began,
 * or ended on hold with no answer. Per work order, contact and no contact count on the day the
 * work order arrived, so a rebook or a second hold never counts it twice.
 */
export function journeyCommandFacts(
  workOrder: Pick<WorkOrder, 'id' | 'receivedAt'>,
  at: string,
  applied: readonly WorkOrderCommand[],
): KpiFact[] {
  const workOrderId = workOrder.id;
  return applied.flatMap((command): KpiFact[] => {
    if (command.type === 'startContact' || command.type === 'resume')
      return [
        { kind: 'contactStarted', workOrderId, at },
        { kind: 'workOrderContacted', workOrderId, at: workOrder.receivedAt },
      ];
    if (command.type === 'putOnHold' && command.reason === 'noContact')
      return [{ kind: 'noContact', workOrderId, at: workOrder.receivedAt }];
    return [];
  });
}

/** What the SLA sweep's new crossings count: misses of the resolution and time-to-complete clocks. */
export function slaCrossingFacts(
  subject: 'case' | 'workOrder',
  subjectId: string,
  crossing: SlaCrossing,
): KpiFact[] {
  const counted = subject === 'case' ? 'resolution' : 'timeToComplete';
  return crossing.level === 'breached' && crossing.metric === counted
    ? [{ kind: 'slaBreached', subject, subjectId, at: crossing.at }]
    : [];
}

/**
 * A visit ended (as the technician reported it, at the phone's time): completed with its
 * end-to-end time, time-to-complete SLA (from the work order's timeline, which has its holds) and
 * whether it was the job's first visit, or incomplete with the reason (`customerAbsent` is the
 * no-show). `workOrder` is as the update left it, its visit count included.
 */
export function visitFacts(
  workOrder: WorkOrder,
  update: StatusUpdate,
  timeline: readonly TimelineEvent[],
  policies: SlaPolicies,
): KpiFact[] {
  switch (update.status) {
    case 'completed': {
      const at = update.clientTimestamp;
      const sla = workOrderSlas(workOrder, timeline, policies, new Date(at)).timeToComplete;
      return [
        {
          kind: 'visitCompleted',
          workOrderId: workOrder.id,
          at,
          receivedAt: workOrder.receivedAt,
          slaMet: sla.state !== 'failed',
          firstVisit: workOrder.followUpOf === undefined && (workOrder.fieldUpdates?.visits ?? 1) <= 1,
        },
        ...breachOf('workOrder', workOrder.id, sla),
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
