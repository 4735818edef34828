import type { Versioned } from '../../common/versioned';
import { Customer } from '../../customers/customer';
import type { TimelineEvent } from '../../timeline/timelineEvent';
import { WorkOrder } from '../../workorders/workOrder';
import type { CosmosStore } from '../clients/cosmos';
import { createItem, readItem, replaceItemAt } from './items';

/**
 * The reads and writes every area does on a work order, its customer and its timeline: point
 * reads parsed through the schemas, ETag-guarded replaces, create-once timeline events.
 */
export function workOrderDocuments(store: CosmosStore) {
  const workOrders = store.container('workOrders');
  const customers = store.container('customers');
  const timeline = store.container('timeline');
  return {
    async getWorkOrder(workOrderId: string): Promise<Versioned<WorkOrder> | undefined> {
      const item = await readItem(workOrders, workOrderId, workOrderId);
      return item === undefined ? undefined : { value: WorkOrder.parse(item.resource), etag: item.etag };
    },
    replaceWorkOrder: (workOrder: WorkOrder, etag: string): Promise<'replaced' | 'conflict'> =>
      replaceItemAt(workOrders, workOrder, workOrder.id, etag),
    async getCustomer(customerId: string): Promise<Customer | undefined> {
      const item = await readItem(customers, customerId, customerId);
      return item === undefined ? undefined : Customer.parse(item.resource);
    },
    /** An event that already exists (a retried step) is left as it is. */
    async addTimelineEvent(event: TimelineEvent): Promise<void> {
      await createItem(timeline, event);
    },
  };
}
