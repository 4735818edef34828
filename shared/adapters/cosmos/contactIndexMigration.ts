import { ContactIndex, contactIndexIdFor, unkeyedContactIndexIdFor } from '../../customers/contactIndex';
import { Customer } from '../../customers/customer';
import type { CosmosStore } from '../clients/cosmos';
import { createItem, readItem, replaceItemAt } from './items';

export interface ContactIndexMigration {
  readonly customers: number;
  readonly indexed: number;
  readonly removed: number;
}

/**
 * Moves the contact index from unkeyed digests to keyed ones: every customer's current phone and
 * email are indexed under their keyed id, then the unkeyed entry for the same contact point is
 * deleted. Safe to run while the app runs and to run again: indexing is idempotent and a deleted
 * entry stays deleted; the app already reads and writes only keyed ids.
 */
export async function migrateContactIndex(
  store: CosmosStore,
  key: string,
  now: () => Date = () => new Date(),
): Promise<ContactIndexMigration> {
  const customers = store.container('customers');
  const query = customers.items.query({
    query: 'SELECT * FROM c WHERE c.docType = @type',
    parameters: [{ name: '@type', value: 'customer' }],
  });
  let seen = 0;
  let indexed = 0;
  let removed = 0;
  for await (const page of query.getAsyncIterator()) {
    for (const raw of page.resources) {
      const customer = Customer.safeParse(raw);
      if (!customer.success) continue;
      seen += 1;
      const points = [
        ...(customer.data.phone === undefined
          ? []
          : [{ channel: 'sms' as const, value: customer.data.phone }]),
        ...(customer.data.email === undefined
          ? []
          : [{ channel: 'email' as const, value: customer.data.email }]),
      ];
      for (const point of points) {
        const id = contactIndexIdFor(point.channel, point.value, key);
        if (await addCustomer(id, point.channel, customer.data.id)) indexed += 1;
        const legacy = unkeyedContactIndexIdFor(point.channel, point.value);
        const gone = await customers
          .item(legacy, legacy)
          .delete()
          .then(() => true)
          .catch(() => false);
        if (gone) removed += 1;
      }
    }
  }
  return { customers: seen, indexed, removed };

  async function addCustomer(id: string, channel: 'sms' | 'email', customerId: string): Promise<boolean> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const item = await readItem(customers, id, id);
      const at = now().toISOString();
      if (item === undefined) {
        const entry: ContactIndex = {
          id,
          docType: 'contactIndex',
          channel,
          customerIds: [customerId],
          updatedAt: at,
        };
        if ((await createItem(customers, entry)) === 'created') return true;
        continue;
      }
      const index = ContactIndex.parse(item.resource);
      if (index.customerIds.includes(customerId)) return false;
      const next: ContactIndex = { ...index, customerIds: [...index.customerIds, customerId], updatedAt: at };
      if ((await replaceItemAt(customers, next, id, item.etag)) === 'replaced') return true;
    }
    throw new Error('contact index kept changing; run the migration again');
  }
}
