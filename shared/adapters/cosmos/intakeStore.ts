import { ContactIndex, contactIndexIdFor } from '../../customers/contactIndex';
import { CancelTombstone, cancelTombstoneId } from '../../intake/cancelTombstone';
import type { IntakeStore } from '../../intake/intakePorts';
import type { CosmosStore } from '../clients/cosmos';
import { createItem, readItem, replaceItemAt } from './items';
import { cosmosLinkRevocations, workOrderIdOfCustomer } from './linkRevocations';
import { workOrderDocuments } from './workOrderDocuments';

/**
 * Intake's records in Cosmos DB: point reads and writes only, uniqueness from deterministic ids
 * (create → 409), concurrency from ETags. Nothing here relies on batches, stored procedures or the
 * change feed, which the embedded emulator lacks.
 */
export function cosmosIntakeStore(store: CosmosStore): IntakeStore {
  const workOrders = store.container('workOrders');
  const customers = store.container('customers');
  const idempotency = store.container('idempotency');
  const revocations = cosmosLinkRevocations(store);

  return {
    ...workOrderDocuments(store),
    createWorkOrder: (workOrder) => createItem(workOrders, workOrder),
    async upsertCustomer(customer) {
      await customers.items.upsert(customer);
    },
    async indexContact(channel, value, customerId, at) {
      const id = contactIndexIdFor(channel, value);
      for (let attempt = 0; attempt < 10; attempt++) {
        const item = await readItem(customers, id, id);
        if (item === undefined) {
          const entry: ContactIndex = {
            id,
            docType: 'contactIndex',
            channel,
            customerIds: [customerId],
            updatedAt: at,
          };
          if ((await createItem(customers, entry)) === 'created') return;
          continue;
        }
        const index = ContactIndex.parse(item.resource);
        if (index.customerIds.includes(customerId)) return;
        const next: ContactIndex = {
          ...index,
          customerIds: [...index.customerIds, customerId],
          updatedAt: at,
        };
        if ((await replaceItemAt(customers, next, id, item.etag)) === 'replaced') return;
      }
      throw new Error('contact index kept changing; the delivery will be retried');
    },
    async retireContact(channel, value, customerId, at) {
      // Links already sent went to the contact point being taken away: they stop working now.
      await revocations.revoke(workOrderIdOfCustomer(customerId), Date.parse(at));
      const id = contactIndexIdFor(channel, value);
      for (let attempt = 0; attempt < 10; attempt++) {
        const item = await readItem(customers, id, id);
        if (item === undefined) return;
        const index = ContactIndex.parse(item.resource);
        if (!index.customerIds.includes(customerId)) return;
        const next: ContactIndex = {
          ...index,
          customerIds: index.customerIds.filter((known) => known !== customerId),
          updatedAt: at,
        };
        if ((await replaceItemAt(customers, next, id, item.etag)) === 'replaced') return;
      }
      throw new Error('contact index kept changing; the delivery will be retried');
    },
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
