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

/** Re-indexes a case from its clocks as they stand after the write. */
export async function indexCaseDeadlines(upkeep: DeadlineUpkeep, record: CaseRecord): Promise<void> {
  const now = upkeep.now();
  await upkeep.index.schedule(
    { type: 'case', id: record.id },
    scheduledCrossingsOf(caseSlas(record, upkeep.policies, now)),
    now,
  );
}

/** Re-indexes a work order from its timeline (the clocks read its `workOrder.*` events). */
export async function indexWorkOrderDeadlines(
  upkeep: DeadlineUpkeep,
  workOrder: WorkOrder,
  events: readonly TimelineEvent[],
): Promise<void> {
  const now = upkeep.now();
  await upkeep.index.schedule(
    { type: 'workOrder', id: workOrder.id, correlationId: workOrder.correlationId },
    scheduledCrossingsOf(workOrderSlas(workOrder, events, upkeep.policies, now)),
    now,
  );
}

/**
 * Cases whose every successful write re-indexes their deadlines: opening, priority, status and
 * first response all go through here, so the index follows each set or moved deadline.
 */
export function withCaseDeadlines(cases: CaseRepository, upkeep: DeadlineUpkeep): CaseRepository {
  return {
    get: (caseId) => cases.get(caseId),
    list: (filter) => cases.list(filter),
    async create(record) {
      const created = await cases.create(record);
      if (created === 'created') await indexCaseDeadlines(upkeep, record);
      return created;
    },
    async replace(record, etag) {
      const replaced = await cases.replace(record, etag);
      if (replaced === 'replaced') await indexCaseDeadlines(upkeep, record);
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
      const workOrder = await records.getWorkOrder(event.subjectId);
      if (workOrder === undefined) return;
      await indexWorkOrderDeadlines(upkeep, workOrder.value, await timeline(event.subjectId));
    },
  };
}

/**
 * Intake's store, starting a new work order's clocks in the index (they run from `receivedAt`)
 * and taking a withdrawn one's out: a utility cancel cancels both clocks. The clocks start when
 * the work order is created; a redelivery that finds it already created (the first delivery
 * crashed before its clocks were written) starts them at its `workOrder.received` event, which
 * every delivery of a create writes, from the stored work order.
 */
export function withIntakeDeadlines(store: IntakeStore, upkeep: DeadlineUpkeep): IntakeStore {
  const started = new Set<string>();
  return {
    ...store,
    async createWorkOrder(workOrder) {
      const created = await store.createWorkOrder(workOrder);
      if (created === 'created') {
        await indexWorkOrderDeadlines(upkeep, workOrder, []);
        started.add(workOrder.id);
      }
      return created;
    },
    async addTimelineEvent(event) {
      await store.addTimelineEvent(event);
      if (event.type === 'workOrder.received' && !started.delete(event.subjectId)) {
        const workOrder = await store.getWorkOrder(event.subjectId);
        if (workOrder !== undefined) await indexWorkOrderDeadlines(upkeep, workOrder.value, []);
      }
      if (event.type === 'workOrder.cancelled')
        await upkeep.index.schedule({ type: 'workOrder', id: event.subjectId }, [], upkeep.now());
    },
  };
}
