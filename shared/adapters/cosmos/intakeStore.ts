import type { Container } from '@azure/cosmos';
import type { z } from 'zod';
import { ContactIndex, contactIndexIdFor } from '../../customers/contactIndex';
import { Customer } from '../../customers/customer';
import { NameIndex, nameIndexIdFor } from '../../customers/nameIndex';
import { CancelTombstone, cancelTombstoneId } from '../../intake/cancelTombstone';
import type { IntakeStore } from '../../intake/intakePorts';
import type { CosmosStore } from '../clients/cosmos';
import { createItem, readItem, replaceItemAt } from './items';
import { cosmosLinkRevocations, workOrderIdOfCustomer } from './linkRevocations';
import { workOrderDocuments } from './workOrderDocuments';

type PointerSchema = z.ZodType<{ readonly id: string; readonly customerIds: readonly string[] }>;

/**
 * Adds a customer to an index entry (contact point or name word), creating it; ETag-guarded.
 * `createFirst` when the entry most likely does not exist yet: one create instead of a read and
 * a create, and on 409 (it does exist) the read and replace as otherwise.
 */
async function addPointer(
  container: Container,
  id: string,
  customerId: string,
  at: string,
  schema: PointerSchema,
  fresh: (id: string) => { readonly id: string },
  createFirst = false,
): Promise<void> {
  if (createFirst && (await createItem(container, fresh(id))) === 'created') return;
  for (let attempt = 0; attempt < 10; attempt++) {
    const item = await readItem(container, id, id);
    if (item === undefined) {
      if ((await createItem(container, fresh(id))) === 'created') return;
      continue;
    }
    const index = schema.parse(item.resource);
    if (index.customerIds.includes(customerId)) return;
    const next = { ...index, customerIds: [...index.customerIds, customerId], updatedAt: at };
    if ((await replaceItemAt(container, next, id, item.etag)) === 'replaced') return;
  }
  throw new Error('index entry kept changing; the delivery will be retried');
}

/** Takes a customer off an index entry; nothing to do when they are not on it. */
async function removePointer(
  container: Container,
  id: string,
  customerId: string,
  at: string,
  schema: PointerSchema,
): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const item = await readItem(container, id, id);
    if (item === undefined) return;
    const index = schema.parse(item.resource);
    if (!index.customerIds.includes(customerId)) return;
    const next = {
      ...index,
      customerIds: index.customerIds.filter((known) => known !== customerId),
      updatedAt: at,
    };
    if ((await replaceItemAt(container, next, id, item.etag)) === 'replaced') return;
  }
  throw new Error('index entry kept changing; the delivery will be retried');
}

/**
 * Intake's records in Cosmos DB: point reads and writes only, uniqueness from deterministic ids
 * (create → 409), concurrency from ETags. No transactional batch: a batch holds documents of one
 * logical partition only, and no two documents intake writes share one (every container it
 * writes is partitioned by `/id`, except the timeline by `/subjectId` where it writes one event per
 * work order, and the deadlines by bucket, where entry and pointer sit in different buckets).
 */
export function cosmosIntakeStore(store: CosmosStore): IntakeStore {
  const workOrders = store.container('workOrders');
  const customers = store.container('customers');
  const idempotency = store.container('idempotency');
  const revocations = cosmosLinkRevocations(store);

  return {
    ...workOrderDocuments(store),
    createWorkOrder: (workOrder) => createItem(workOrders, workOrder),
    async getCustomer(customerId) {
      const item = await readItem(customers, customerId, customerId);
      return item === undefined ? undefined : { value: Customer.parse(item.resource), etag: item.etag };
    },
    async writeCustomer(customer, etag) {
      if (etag === undefined)
        return (await createItem(customers, customer)) === 'created' ? 'written' : 'conflict';
      return (await replaceItemAt(customers, customer, customer.id, etag)) === 'replaced'
        ? 'written'
        : 'conflict';
    },
    indexContact: (channel, value, customerId, at, options) =>
      addPointer(
        customers,
        contactIndexIdFor(channel, value),
        customerId,
        at,
        ContactIndex,
        (id) => ({ id, docType: 'contactIndex', channel, customerIds: [customerId], updatedAt: at }),
        options?.newToCustomer ?? false,
      ),
    async retireContact(channel, value, customerId, at) {
      // Links already sent went to the contact point being taken away: they stop working now.
      await revocations.revoke(workOrderIdOfCustomer(customerId), Date.parse(at));
      await removePointer(customers, contactIndexIdFor(channel, value), customerId, at, ContactIndex);
    },
    indexNameToken: (token, customerId, at) =>
      addPointer(customers, nameIndexIdFor(token, customerId), customerId, at, NameIndex, (id) => ({
        id,
        docType: 'nameIndex',
        customerIds: [customerId],
        updatedAt: at,
      })),
    retireNameToken: (token, customerId, at) =>
      removePointer(customers, nameIndexIdFor(token, customerId), customerId, at, NameIndex),
    async getCancelTombstone(workOrderId) {
      const id = cancelTombstoneId(workOrderId);
      const item = await readItem(idempotency, id, id);
      return item === undefined ? undefined : CancelTombstone.parse(item.resource);
    },
    async putCancelTombstone(tombstone) {
      await idempotency.items.upsert(tombstone);
    },
  };
}
