import { ContactIndex, contactIndexIdFor } from '../../customers/contactIndex';
import { Customer } from '../../customers/customer';
import { CancelTombstone, cancelTombstoneId } from '../../intake/cancelTombstone';
import type { IntakeStore } from '../../intake/intakePorts';
import { WorkOrder } from '../../workorders/workOrder';
import type { CosmosStore } from '../clients/cosmos';
import { createItem, readItem, replaceItemAt } from './items';

/**
 * Intake's records in Cosmos DB: point reads and writes only, uniqueness from deterministic ids
 * (create → 409), concurrency from ETags. Nothing here relies on batches, stored procedures or the
 * change feed, which the embedded emulator lacks.
 */
export function cosmosIntakeStore(store: CosmosStore): IntakeStore {
  const workOrders = store.container('workOrders');
  const customers = store.container('customers');
  const timeline = store.container('timeline');
  const idempotency = store.container('idempotency');

  return {
    async getWorkOrder(workOrderId) {
      const item = await readItem(workOrders, workOrderId, workOrderId);
      return item === undefined ? undefined : { value: WorkOrder.parse(item.resource), etag: item.etag };
    },
    createWorkOrder: (workOrder) => createItem(workOrders, workOrder),
    replaceWorkOrder: (workOrder, etag) => replaceItemAt(workOrders, workOrder, workOrder.id, etag),
    async getCustomer(customerId) {
      const item = await readItem(customers, customerId, customerId);
      return item === undefined ? undefined : Customer.parse(item.resource);
    },
    async upsertCustomer(customer) {
      await customers.items.upsert(customer);
    },
    async indexPhone(phone, customerId, at) {
      const id = contactIndexIdFor('sms', phone);
      for (let attempt = 0; attempt < 10; attempt++) {
        const item = await readItem(customers, id, id);
        if (item === undefined) {
          const entry: ContactIndex = {
            id,
            docType: 'contactIndex',
            channel: 'sms',
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
    async addTimelineEvent(event) {
      await createItem(timeline, event);
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
