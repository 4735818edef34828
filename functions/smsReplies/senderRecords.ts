import type { Container } from '@azure/cosmos';
import { readItem } from '../../shared/adapters/cosmos/items';
import type { Versioned } from '../../shared/common/versioned';
import { ContactIndex, contactIndexIdFor, isCurrentEntry } from '../../shared/customers/contactIndex';
import { Customer } from '../../shared/customers/customer';
import { WorkOrder } from '../../shared/workorders/workOrder';

/** One customer document the sender's number belongs to, with its work order. */
export interface SenderRecord {
  readonly customer: Versioned<Customer>;
  /** Undefined if the work order is gone (purged) while the customer document remains. */
  readonly workOrder: WorkOrder | undefined;
}

async function readParsed<T>(
  container: Container,
  id: string,
  parse: (value: unknown) => { success: true; data: T } | { success: false },
): Promise<Versioned<T> | undefined> {
  const found = await readItem(container, id, id);
  if (found === undefined) return undefined;
  const parsed = parse(found.resource);
  return parsed.success ? { value: parsed.data, etag: found.etag } : undefined;
}

export const readCustomer = (customers: Container, id: string): Promise<Versioned<Customer> | undefined> =>
  readParsed(customers, id, (value) => Customer.safeParse(value));

/**
 * Everyone who gave us this number: the contact index names the customers (one per work order),
 * each read by id. Point reads only, so no query ever carries the phone number.
 */
export async function senderRecords(
  containers: { readonly customers: Container; readonly workOrders: Container },
  phone: string,
): Promise<SenderRecord[]> {
  const indexId = contactIndexIdFor('sms', phone);
  const index = await readParsed(containers.customers, indexId, (value) => ContactIndex.safeParse(value));
  if (index === undefined) return [];
  const records = await Promise.all(
    index.value.customerIds.map(async (customerId): Promise<SenderRecord | undefined> => {
      const customer = await readCustomer(containers.customers, customerId);
      // The index is only a pointer: a customer whose number has since changed is not this sender.
      if (customer === undefined || !isCurrentEntry(indexId, customer.value)) return undefined;
      const workOrderId = customer.value.workOrderId;
      const workOrder = await readParsed(containers.workOrders, workOrderId, (value) =>
        WorkOrder.safeParse(value),
      );
      return { customer, workOrder: workOrder?.value };
    }),
  );
  return records.filter((record): record is SenderRecord => record !== undefined);
}
