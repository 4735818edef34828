import type { CaseRecord } from '../cases/caseRecord';
import type { CaseRepository } from '../cases/ports';
import { caseSlas } from '../cases/caseSlas';
import type { IntakeStore } from '../intake/intakePorts';
import type { JourneyRecords } from '../journey/journeyRecords';
import type { TimelineEvent } from '../timeline/timelineEvent';
import type { WorkOrder } from '../workorders/workOrder';
import { scheduledCrossingsOf, type DeadlineIndex } from './deadlineIndex';
import type { SlaPolicies } from './slaPolicy';
import { workOrderSlas } from './workOrderSla';

export interface DeadlineUpkeep {
  readonly index: DeadlineIndex;
  readonly policies: SlaPolicies;
  readonly now: () => Date;
}

/**
 * Re-indexes a case from its clocks as they stand after the write, read again once its entry has
 * been looked up (`reschedule`): two agents' writes can reach the index in either order, and the
 * case as stored last decides, not the record either of them wrote.
 */
export async function indexCaseDeadlines(
  upkeep: DeadlineUpkeep,
  caseId: string,
  read: (caseId: string) => Promise<CaseRecord | undefined>,
): Promise<void> {
  await upkeep.index.reschedule({ type: 'case', id: caseId }, upkeep.now(), async () => {
    const record = await read(caseId);
    return record === undefined
      ? undefined
      : { crossings: scheduledCrossingsOf(caseSlas(record, upkeep.policies, upkeep.now())) };
  });
}

/**
 * Re-indexes a work order from the work order and the clocks' events as they are read now, after
 * its entry was looked up (`reschedule`): the journey, intake and the sweep write the same entry
 * side by side, and one that read an older work order (a priority since amended, a status since
 * cancelled) loses to the one that read it last.
 */
export function reindexWorkOrderDeadlines(
  upkeep: DeadlineUpkeep,
  workOrderId: string,
  workOrder: () => Promise<WorkOrder | undefined>,
  events: () => Promise<readonly TimelineEvent[]>,
): Promise<unknown> {
  return upkeep.index.reschedule({ type: 'workOrder', id: workOrderId }, upkeep.now(), async () => {
    const current = await workOrder();
    if (current === undefined) return undefined;
    const slas = workOrderSlas(current, await events(), upkeep.policies, upkeep.now());
    return { crossings: scheduledCrossingsOf(slas), correlationId: current.correlationId };
  });
}

/**
 * Indexes a work order from its timeline (the clocks read its `workOrder.*` events) as given.
 * `created`: the work order was created just now, so it has no entry yet to read or move, and no
 * other writer can have read it before.
 */
export async function indexWorkOrderDeadlines(
  upkeep: DeadlineUpkeep,
  workOrder: WorkOrder,
  events: readonly TimelineEvent[],
  options: { readonly created?: boolean } = {},
): Promise<void> {
  const now = upkeep.now();
  await upkeep.index.schedule(
    { type: 'workOrder', id: workOrder.id, correlationId: workOrder.correlationId },
    scheduledCrossingsOf(workOrderSlas(workOrder, events, upkeep.policies, now)),
    now,
    options.created === true ? { fresh: true } : {},
  );
}

/**
 * Cases whose every successful write re-indexes their deadlines: opening, priority, status and
 * first response all go through here, so the index follows each set or moved deadline.
 */
export function withCaseDeadlines(cases: CaseRepository, upkeep: DeadlineUpkeep): CaseRepository {
  const current = async (caseId: string) => (await cases.get(caseId))?.value;
  return {
    get: (caseId) => cases.get(caseId),
    list: (filter) => cases.list(filter),
    async create(record) {
      const created = await cases.create(record);
      if (created === 'created') await indexCaseDeadlines(upkeep, record.id, current);
      return created;
    },
    async replace(record, etag) {
      const replaced = await cases.replace(record, etag);
      if (replaced === 'replaced') await indexCaseDeadlines(upkeep, record.id, current);
      return replaced;
    },
  };
}

/**
 * The journey's records, re-indexing a work order's deadlines after each `workOrder.*` event it
 * writes (contact started, on hold, booked, dispatched, closed, cancelled): the events the
 * work-order clocks are made of. The timeline is read after the write, so the event counts.
 */
export function withWorkOrderDeadlines(
  records: JourneyRecords,
  upkeep: DeadlineUpkeep,
  timeline: (workOrderId: string) => Promise<readonly TimelineEvent[]>,
): JourneyRecords {
  return {
    ...records,
    async addTimelineEvent(event) {
      await records.addTimelineEvent(event);
      if (event.subjectType !== 'workOrder' || !event.type.startsWith('workOrder.')) return;
      await reindexWorkOrderDeadlines(
        upkeep,
        event.subjectId,
        async () => (await records.getWorkOrder(event.subjectId))?.value,
        () => timeline(event.subjectId),
      );
    },
  };
}

/**
 * Intake's store, starting a new work order's clocks in the index (they run from `receivedAt`),
 * moving them on an amendment and taking a withdrawn one's out: a utility cancel cancels both
 * clocks. The clocks start when the work order is created; a redelivery that finds it already
 * created (the first delivery crashed before its clocks were written) starts them at its
 * `workOrder.received` event, which every delivery of a create writes, from the stored work
 * order. An amendment may change the priority, so the clocks' targets: every delivery of one
 * re-indexes at its `workOrder.amended` event from the work order and timeline as stored then, so
 * one that lands after a newer amendment's still indexes the newer priority.
 */
export function withIntakeDeadlines(
  store: IntakeStore,
  upkeep: DeadlineUpkeep,
  timeline: (workOrderId: string) => Promise<readonly TimelineEvent[]>,
): IntakeStore {
  const started = new Set<string>();
  const reindex = (workOrderId: string, events: () => Promise<readonly TimelineEvent[]>) =>
    reindexWorkOrderDeadlines(
      upkeep,
      workOrderId,
      async () => (await store.getWorkOrder(workOrderId))?.value,
      events,
    );
  return {
    ...store,
    async createWorkOrder(workOrder) {
      const created = await store.createWorkOrder(workOrder);
      if (created === 'created') {
        await indexWorkOrderDeadlines(upkeep, workOrder, [], { created: true });
        started.add(workOrder.id);
      }
      return created;
    },
    async addTimelineEvent(event) {
      await store.addTimelineEvent(event);
      switch (event.type) {
        case 'workOrder.received':
          if (!started.delete(event.subjectId)) await reindex(event.subjectId, async () => []);
          break;
        case 'workOrder.amended':
          await reindex(event.subjectId, () => timeline(event.subjectId));
          break;
        case 'workOrder.cancelled':
          // A withdrawal is final: whatever another writer read before it, nothing is left to cross.
          await upkeep.index.reschedule(
            { type: 'workOrder', id: event.subjectId },
            upkeep.now(),
            async () => ({
              crossings: [],
            }),
          );
          break;
        default:
          break;
      }
    },
  };
}
