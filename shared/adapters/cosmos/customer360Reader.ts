import { cosmosCaseRepository } from './caseStore';
import { cosmosJourneyRecords } from './journeyRecords';
import { readItem } from './items';
import { workOrderDocuments } from './workOrderDocuments';
import { recentTimelineEvents } from './timelineReader';
import type { CaseRecord } from '../../cases/caseRecord';
import type { Customer360Sources } from '../../customer360/customer360';
import { ContactIndex, contactIndexIdFor } from '../../customers/contactIndex';
import type { CosmosStore } from '../clients/cosmos';

/** Bounds on one view: a shared phone (a landlord, a family) must not turn it into a scan. */
export const customer360Limits = { customers: 50, eventsPerWorkOrder: 50, notificationsPerWorkOrder: 50 };

const defined = <T>(value: T | undefined): value is T => value !== undefined;

/**
 * Everything the 360 view shows, by point reads (customers, the contact indexes of their phone
 * and email, work orders, cases) and single-partition queries on each work order's timeline.
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

  const indexIds = [
    ...(customer.phone === undefined ? [] : [contactIndexIdFor('sms', customer.phone)]),
    ...(customer.email === undefined ? [] : [contactIndexIdFor('email', customer.email)]),
  ];
  const indexes = await Promise.all(indexIds.map((id) => readItem(customers, id, id)));
  const related = [
    ...new Set(indexes.filter(defined).flatMap((index) => ContactIndex.parse(index.resource).customerIds)),
  ];
  const customerIds = [customerId, ...related.filter((id) => id !== customerId)].slice(
    0,
    customer360Limits.customers,
  );
  const people = [
    customer,
    ...(await Promise.all(customerIds.slice(1).map((id) => documents.getCustomer(id)))).filter(defined),
  ];

  const orders = (
    await Promise.all(people.map(async (person) => (await documents.getWorkOrder(person.workOrderId))?.value))
  ).filter(defined);

  const caseRepository = cosmosCaseRepository(store);
  const caseIds = [...new Set(orders.flatMap((order) => order.caseIds))];
  const cases: CaseRecord[] = (
    await Promise.all(caseIds.map(async (caseId) => (await caseRepository.get(caseId))?.value))
  ).filter(defined);

  const journey = cosmosJourneyRecords(store);
  const perOrder = await Promise.all(
    orders.map(async (order) => ({
      events: await recentTimelineEvents(store, order.id, customer360Limits.eventsPerWorkOrder),
      notifications: await journey.listNotifications(order.id, customer360Limits.notificationsPerWorkOrder),
    })),
  );
  return {
    customer,
    customerIds: people.map((person) => person.id),
    workOrders: orders,
    cases,
    events: perOrder.flatMap((order) => order.events),
    notifications: perOrder.flatMap((order) => order.notifications),
  };
}
