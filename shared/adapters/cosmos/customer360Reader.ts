import { cosmosCaseRepository } from './caseStore';
import { cosmosJourneyRecords } from './journeyRecords';
import { readItem } from './items';
import { workOrderDocuments } from './workOrderDocuments';
import { recentTimelineEvents } from './timelineReader';
import type { CaseRecord } from '../../cases/caseRecord';
import type { Customer360Sources } from '../../customer360/customer360';
import { ContactIndex, contactIndexIdsOf, isCurrentEntry } from '../../customers/contactIndex';
import type { Customer } from '../../customers/customer';
import { followUpIdFor } from '../../fieldwork/followUp';
import type { WorkOrder } from '../../workorders/workOrder';
import type { CosmosStore } from '../clients/cosmos';

/** Bounds on one view: a shared phone (a landlord, a family) must not turn it into a scan. */
export const customer360Limits = {
  customers: 50,
  workOrders: 200,
  cases: 200,
  followUpGenerations: 5,
  eventsPerWorkOrder: 50,
  notificationsPerWorkOrder: 50,
};

/**
 * Everything the 360 view shows. The person is the customer asked for plus every customer record
 * a current contact-index entry of their phone or email leads to (an entry whose customer has
 * since changed that phone or email is passed over: the number may belong to someone else now).
 * Their work orders are each record's own, its follow-up visits (ids follow from it), and any
 * work order linked to one of their cases; their cases are those linked to their work orders and
 * those opened for one of their customer ids directly. Point reads, one query per customer id on
 * the small cases container, and single-partition queries on each work order's timeline.
 * Undefined when there is no such customer.
 */
export async function loadCustomer360Sources(
  store: CosmosStore,
  customerId: string,
): Promise<Customer360Sources | undefined> {
  const customers = store.container('customers');
  const documents = workOrderDocuments(store);
  const customer = await documents.getCustomer(customerId);
  if (customer === undefined) return undefined;

  const people = new Map<string, Customer>([[customer.id, customer]]);
  for (const indexId of contactIndexIdsOf(customer)) {
    const item = await readItem(customers, indexId, indexId);
    if (item === undefined) continue;
    for (const id of ContactIndex.parse(item.resource).customerIds) {
      if (people.has(id) || people.size >= customer360Limits.customers) continue;
      const other = await documents.getCustomer(id);
      if (other !== undefined && isCurrentEntry(indexId, other)) people.set(id, other);
    }
  }

  const orders = new Map<string, WorkOrder>();
  const readOrder = async (id: string): Promise<WorkOrder | undefined> => {
    if (orders.has(id) || orders.size >= customer360Limits.workOrders) return orders.get(id);
    const found = (await documents.getWorkOrder(id))?.value;
    if (found !== undefined && people.has(found.customerId)) orders.set(id, found);
    return found;
  };
  for (const person of people.values()) {
    let next: WorkOrder | undefined = await readOrder(person.workOrderId);
    for (
      let generation = 0;
      next !== undefined && generation < customer360Limits.followUpGenerations;
      generation++
    )
      next = await readOrder(followUpIdFor(next.id));
  }

  const caseRepository = cosmosCaseRepository(store);
  const cases = new Map<string, CaseRecord>();
  const caseIds = new Set([...orders.values()].flatMap((order) => order.caseIds));
  for (const caseId of caseIds) {
    const found = (await caseRepository.get(caseId))?.value;
    if (found !== undefined) cases.set(found.id, found);
  }
  for (const id of people.keys()) {
    for (const found of await caseRepository.list({ customerId: id, limit: customer360Limits.cases }))
      cases.set(found.id, found);
  }
  for (const record of cases.values())
    for (const linked of record.workOrders) await readOrder(linked.workOrderId);

  const journey = cosmosJourneyRecords(store);
  const perOrder = await Promise.all(
    [...orders.values()].map(async (order) => ({
      events: await recentTimelineEvents(store, order.id, customer360Limits.eventsPerWorkOrder),
      notifications: await journey.listNotifications(order.id, customer360Limits.notificationsPerWorkOrder),
    })),
  );
  return {
    customer,
    customerIds: [...people.keys()],
    workOrders: [...orders.values()],
    cases: [...cases.values()],
    events: perOrder.flatMap((order) => order.events),
    notifications: perOrder.flatMap((order) => order.notifications),
  };
}
