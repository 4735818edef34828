import type { Container } from '@azure/cosmos';
import { ContactIndex, contactIndexIdFor } from '../../customers/contactIndex';
import { nameIndexIdFor, nameTokens } from '../../customers/nameIndex';
import { Customer } from '../../customers/customer';
import type { PersonRecords as PersonRecordsOf } from '../../privacy/exportDocument';
import type { PersonLookup } from '../../privacy/privacyRequest';
import {
  contactIndexWithout,
  erasedCase,
  erasedCustomer,
  erasedJourneyProjection,
  erasedPlanVisits,
  erasedWorkOrder,
  timelineErasure,
} from '../../privacy/tombstones';
import { planIdFor } from '../../dispatch/storedPlan';
import type { CosmosStore } from '../clients/cosmos';
import { cosmosStatusOf, readItem, replaceItemAt } from './items';

type Json = Record<string, unknown>;

/** What one person's records are, as stored. */
export type PersonRecords = PersonRecordsOf<Json>;

/** Counts of what an erasure step changed: the erasure record and the benchmark read them. */
export interface ErasureCounts {
  readonly replaced: number;
  readonly deleted: number;
  readonly reads: number;
}

const bookingIdOf = (workOrderId: string) => `BK-${workOrderId}`;
const smsOfferIdOf = (workOrderId: string) => `SO-${workOrderId}`;

async function queryAll(container: Container, query: string, parameters: Record<string, string>) {
  const { resources } = await container.items
    .query<Json>({
      query,
      parameters: Object.entries(parameters).map(([name, value]) => ({ name: `@${name}`, value })),
    })
    .fetchAll();
  return resources;
}

const strip = (document: Json): Json =>
  Object.fromEntries(Object.entries(document).filter(([key]) => !key.startsWith('_')));

async function deleteItem(container: Container, id: string, partitionKey: string): Promise<boolean> {
  try {
    await container.item(id, partitionKey).delete();
    return true;
  } catch (error) {
    if (cosmosStatusOf(error) === 404) return false;
    throw error;
  }
}

const matchesContact = (customer: Customer, lookup: PersonLookup): boolean => {
  if ('phone' in lookup) return customer.phone === lookup.phone;
  if ('email' in lookup) return customer.email?.toLowerCase() === lookup.email.toLowerCase();
  return customer.id === lookup.customerId;
};

export function personalDataStore(store: CosmosStore) {
  const customers = store.container('customers');
  const workOrders = store.container('workOrders');
  const cases = store.container('cases');
  const timeline = store.container('timeline');
  const journeys = store.container('journeys');
  const plans = store.container('plans');

  /**
   * The day plans that can hold the work order's visit: its booking (or the one a cancel closed)
   * names the region and window, and the plan's local date is the window's UTC date or a day either
   * side of it, so three point reads find it without a scan. Earlier days' visits were removed
   * from their plans when the appointment moved. If-Match, because planning may be writing the day.
   */
  const erasePlanVisits = async (workOrderId: string): Promise<ErasureCounts> => {
    const record = await readItem(workOrders, bookingIdOf(workOrderId), bookingIdOf(workOrderId));
    const booking = record?.resource as Json | undefined;
    const appointment = (booking?.['status'] === 'closed' ? booking['last'] : booking) as Json | undefined;
    const region = appointment?.['region'];
    const windowStart = appointment?.['windowStart'];
    if (typeof region !== 'string' || typeof windowStart !== 'string')
      return { replaced: 0, deleted: 0, reads: 1 };
    const day = Date.parse(windowStart.slice(0, 10));
    const dates = [-1, 0, 1].map((offset) => new Date(day + offset * 86_400_000).toISOString().slice(0, 10));
    let replaced = 0;
    let reads = 1;
    for (const date of dates) {
      for (;;) {
        const item = await readItem(plans, planIdFor(region, date), region);
        reads += 1;
        if (item === undefined) break;
        const current = item.resource as Json;
        const erased = erasedPlanVisits(current, workOrderId);
        if (erased === current) break;
        if (
          (await replaceItemAt(plans, strip(erased as Json) as Json & { id: string }, region, item.etag)) ===
          'replaced'
        ) {
          replaced += 1;
          break;
        }
      }
    }
    return { replaced, deleted: 0, reads };
  };

  async function readCustomer(customerId: string): Promise<Customer | undefined> {
    const item = await readItem(customers, customerId, customerId);
    const parsed = Customer.safeParse(item?.resource);
    return parsed.success ? parsed.data : undefined;
  }

  return {
    /**
     * The customer records a lookup names. A contact-index entry counts only while the customer
     * it points to still holds that phone or email: amends leave old entries behind, and the next
     * owner of a number must never be taken for the previous one.
     */
    async findCustomerIds(lookup: PersonLookup): Promise<readonly string[]> {
      if ('customerId' in lookup) return (await readCustomer(lookup.customerId)) ? [lookup.customerId] : [];
      const indexId =
        'phone' in lookup ? contactIndexIdFor('sms', lookup.phone) : contactIndexIdFor('email', lookup.email);
      const index = ContactIndex.safeParse((await readItem(customers, indexId, indexId))?.resource);
      if (!index.success) return [];
      const people = await Promise.all(index.data.customerIds.map(readCustomer));
      return people
        .filter((person): person is Customer => person !== undefined && matchesContact(person, lookup))
        .map((person) => person.id);
    },

    /**
     * Everything held about these customers: point reads by id, single-partition queries on each
     * work order's and case's timeline, and two cross-partition queries (follow-ups of their work
     * orders, cases opened with only the customer id) that run only for a privacy request.
     */
    async recordsOf(customerIds: readonly string[]): Promise<PersonRecords> {
      const people = (await Promise.all(customerIds.map((id) => readItem(customers, id, id))))
        .map((item) => item?.resource as Json | undefined)
        .filter((item): item is Json => item !== undefined);
      const ownOrderIds = people.map((person) => String(person['workOrderId']));
      const followUps = (
        await Promise.all(
          ownOrderIds.map((id) => queryAll(workOrders, 'SELECT * FROM c WHERE c.followUpOf = @id', { id })),
        )
      ).flat();
      const orders = [
        ...(await Promise.all(ownOrderIds.map((id) => readItem(workOrders, id, id))))
          .map((item) => item?.resource as Json | undefined)
          .filter((item): item is Json => item !== undefined),
        ...followUps,
      ];
      const orderIds = [...new Set(orders.map((order) => String(order['id'])))];
      const besides = async (idOf: (id: string) => string) =>
        (await Promise.all(orderIds.map((id) => readItem(workOrders, idOf(id), idOf(id)))))
          .map((item) => item?.resource as Json | undefined)
          .filter((item): item is Json => item !== undefined);

      const linkedCaseIds = orders.flatMap((order) =>
        Array.isArray(order['caseIds']) ? order['caseIds'].map(String) : [],
      );
      const byCustomer = (
        await Promise.all(
          customerIds.map((id) => queryAll(cases, 'SELECT * FROM c WHERE c.customerId = @id', { id })),
        )
      ).flat();
      const caseIds = [...new Set([...linkedCaseIds, ...byCustomer.map((item) => String(item['id']))])];
      const caseDocuments = (await Promise.all(caseIds.map((id) => readItem(cases, id, id))))
        .map((item) => item?.resource as Json | undefined)
        .filter((item): item is Json => item !== undefined);

      const timelineDocuments = (
        await Promise.all(
          [...orderIds, ...caseIds].map((subjectId) =>
            queryAll(timeline, 'SELECT * FROM c WHERE c.subjectId = @subjectId', { subjectId }),
          ),
        )
      ).flat();

      return {
        customers: people.map(strip),
        workOrders: orders.map(strip),
        bookings: (await besides(bookingIdOf)).map(strip),
        smsOffers: (await besides(smsOfferIdOf)).map(strip),
        cases: caseDocuments.map(strip),
        timeline: timelineDocuments.map(strip),
      };
    },

    /**
     * Replaces one work order's personal fields and removes what is nothing but personal data
     * (its SMS offer, the customer's own texts). Safe to run again: erased documents are left alone.
     */
    async eraseWorkOrder(workOrderId: string, erasedAt: string): Promise<ErasureCounts> {
      let replaced = 0;
      let deleted = 0;
      let reads = 1;
      const order = await readItem(workOrders, workOrderId, workOrderId);
      if (order !== undefined) {
        const current = order.resource as Json;
        const erased = erasedWorkOrder(current, erasedAt);
        if (erased !== current) {
          await workOrders.item(workOrderId, workOrderId).replace(strip(erased as Json));
          replaced += 1;
        }
      }
      if (await deleteItem(workOrders, smsOfferIdOf(workOrderId), smsOfferIdOf(workOrderId))) deleted += 1;
      const projection = await readItem(journeys, workOrderId, workOrderId);
      reads += 1;
      if (projection !== undefined) {
        const current = projection.resource as Json;
        const erased = erasedJourneyProjection(current, erasedAt);
        if (erased !== current) {
          await journeys.item(workOrderId, workOrderId).replace(strip(erased as Json));
          replaced += 1;
        }
      }
      const documents = await queryAll(timeline, 'SELECT * FROM c WHERE c.subjectId = @subjectId', {
        subjectId: workOrderId,
      });
      reads += 1;
      for (const document of documents) {
        const change = timelineErasure(document, erasedAt);
        switch (change.kind) {
          case 'delete':
            if (await deleteItem(timeline, String(document['id']), workOrderId)) deleted += 1;
            break;
          case 'replace':
            await timeline.item(String(document['id']), workOrderId).replace(strip(change.document as Json));
            replaced += 1;
            break;
          case 'keep':
            break;
          default: {
            const unhandled: never = change;
            throw new Error(`unknown timeline erasure ${JSON.stringify(unhandled)}`);
          }
        }
      }
      const planned = await erasePlanVisits(workOrderId);
      return { replaced: replaced + planned.replaced, deleted, reads: reads + planned.reads };
    },

    async eraseCase(caseId: string, erasedAt: string): Promise<ErasureCounts> {
      const item = await readItem(cases, caseId, caseId);
      if (item === undefined) return { replaced: 0, deleted: 0, reads: 1 };
      const current = item.resource as Json;
      const erased = erasedCase(current, erasedAt);
      if (erased === current) return { replaced: 0, deleted: 0, reads: 1 };
      await cases.item(caseId, caseId).replace(strip(erased as Json));
      return { replaced: 1, deleted: 0, reads: 1 };
    },

    /**
     * The customer record last: it is what finds everything else, so a crash before this point
     * leaves the erasure findable and a retry completes it. Its contact- and name-index entries go first.
     */
    async eraseCustomer(customerId: string, erasedAt: string): Promise<ErasureCounts> {
      const item = await readItem(customers, customerId, customerId);
      if (item === undefined) return { replaced: 0, deleted: 0, reads: 1 };
      const current = item.resource as Json;
      let replaced = 0;
      let deleted = 0;
      let reads = 1;
      const indexIds = [
        ...(typeof current['phone'] === 'string' ? [contactIndexIdFor('sms', current['phone'])] : []),
        ...(typeof current['email'] === 'string' ? [contactIndexIdFor('email', current['email'])] : []),
        ...(typeof current['name'] === 'string'
          ? nameTokens(current['name']).map((token) => nameIndexIdFor(token, customerId))
          : []),
      ];
      for (const indexId of indexIds) {
        const index = await readItem(customers, indexId, indexId);
        reads += 1;
        if (index === undefined) continue;
        const remaining = contactIndexWithout(index.resource as Json, [customerId]);
        if (remaining === undefined) {
          if (await deleteItem(customers, indexId, indexId)) deleted += 1;
        } else {
          await customers.item(indexId, indexId).replace(strip(remaining as Json));
          replaced += 1;
        }
      }
      const erased = erasedCustomer(current, erasedAt);
      if (erased !== current) {
        await customers.item(customerId, customerId).replace(strip(erased as Json));
        replaced += 1;
      }
      return { replaced, deleted, reads };
    },
  };
}

export type PersonalDataStore = ReturnType<typeof personalDataStore>;
