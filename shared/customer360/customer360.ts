import type { CaseRecord } from '../cases/caseRecord';
import { isFinishedWork } from '../cases/closeOutPolicy';
import type { Asset } from '../contracts/inbound/asset';
import type { Site } from '../contracts/inbound/site';
import type { Customer } from '../customers/customer';
import type { Notification } from '../notifications/notification';
import type { TimelineEvent } from '../timeline/timelineEvent';
import type { WorkOrder } from '../workorders/workOrder';

/** What the 360 view is made from, as loaded for one person. */
export interface Customer360Sources {
  /** The customer record asked for. */
  readonly customer: Customer;
  /** Every customer record of the same person (same phone), including the one asked for. */
  readonly customerIds: readonly string[];
  readonly workOrders: readonly WorkOrder[];
  readonly cases: readonly CaseRecord[];
  readonly events: readonly TimelineEvent[];
  readonly notifications: readonly Notification[];
}

const workOrderSummary = (workOrder: WorkOrder) => ({
  id: workOrder.id,
  utilityCode: workOrder.utilityCode,
  externalId: workOrder.externalId,
  customerId: workOrder.customerId,
  workType: workOrder.workType,
  priority: workOrder.priority,
  state: workOrder.state,
  dueDate: workOrder.dueDate,
  site: workOrder.site,
  ...(workOrder.asset === undefined ? {} : { asset: workOrder.asset }),
  caseIds: workOrder.caseIds,
  ...(workOrder.followUpOf === undefined ? {} : { followUpOf: workOrder.followUpOf }),
  receivedAt: workOrder.receivedAt,
  updatedAt: workOrder.updatedAt,
});

const caseSummary = (record: CaseRecord) => ({
  id: record.id,
  title: record.title,
  type: record.type,
  priority: record.priority,
  state: record.state,
  owner: record.owner,
  ...(record.workOrderId === undefined ? {} : { workOrderId: record.workOrderId }),
  workOrderIds: record.workOrders.map((linked) => linked.workOrderId),
  createdAt: record.createdAt,
  updatedAt: record.updatedAt,
  ...(record.resolvedAt === undefined ? {} : { resolvedAt: record.resolvedAt }),
});

const communication = (notification: Notification) => ({
  id: notification.id,
  workOrderId: notification.subjectId,
  channel: notification.channel,
  purpose: notification.purpose,
  language: notification.language,
  status: notification.status,
  ...(notification.failureReason === undefined ? {} : { failureReason: notification.failureReason }),
  createdAt: notification.createdAt,
  updatedAt: notification.updatedAt,
});

/** An installation once, with the site it is at and the work orders about it. */
function assetsOf(workOrders: readonly WorkOrder[]) {
  const assets = new Map<string, { asset: Asset; site: Site; workOrderIds: string[] }>();
  for (const workOrder of workOrders) {
    if (workOrder.asset === undefined) continue;
    const key = workOrder.asset.connectionPointId ?? workOrder.asset.meterNumber ?? '';
    const known = assets.get(key);
    if (known === undefined)
      assets.set(key, { asset: workOrder.asset, site: workOrder.site, workOrderIds: [workOrder.id] });
    else known.workOrderIds.push(workOrder.id);
  }
  return [...assets.values()];
}

const newestFirst =
  <T>(at: (item: T) => string) =>
  (a: T, b: T) =>
    at(b).localeCompare(at(a));

/**
 * One person's dealings with us for an agent on the phone: who they are, their work orders and
 * cases split open/closed, the installations involved, what happened lately and what we sent them.
 * Completed work counts as closed here: nothing more happens in the field for it.
 */
export function customer360(sources: Customer360Sources) {
  const { customer } = sources;
  const workOrders = [...sources.workOrders].sort(newestFirst((w) => w.receivedAt));
  const cases = [...sources.cases].sort(newestFirst((c) => c.createdAt));
  return {
    customerId: customer.id,
    person: {
      name: customer.name,
      ...(customer.phone === undefined ? {} : { phone: customer.phone }),
      ...(customer.email === undefined ? {} : { email: customer.email }),
      language: customer.language,
      ...(customer.preferredChannel === undefined ? {} : { preferredChannel: customer.preferredChannel }),
      smsOptedOut: customer.smsOptedOut,
    },
    customerIds: sources.customerIds,
    workOrders: {
      open: workOrders.filter((w) => !isFinishedWork(w.state)).map(workOrderSummary),
      closed: workOrders.filter((w) => isFinishedWork(w.state)).map(workOrderSummary),
    },
    cases: {
      open: cases.filter((c) => c.state.status === 'Active').map(caseSummary),
      closed: cases.filter((c) => c.state.status !== 'Active').map(caseSummary),
    },
    assets: assetsOf(workOrders),
    recentHistory: [...sources.events].sort(newestFirst((e) => e.occurredAt)),
    communications: [...sources.notifications].sort(newestFirst((n) => n.createdAt)).map(communication),
  };
}
export type Customer360 = ReturnType<typeof customer360>;
