import { CaseRecord } from '../../cases/caseRecord';
import { ContactIndex, contactIndexIdFor, isCurrentEntry } from '../../customers/contactIndex';
import type { CustomerLookup } from '../../customers/customerQuery';
import type { Customer } from '../../customers/customer';
import { matchesName, NameIndex, nameIndexIdsOf } from '../../customers/nameIndex';
import { workOrderIdFor } from '../../workorders/workOrderId';
import type { CosmosStore } from '../clients/cosmos';
import { readItem } from './items';
import { workOrderDocuments } from './workOrderDocuments';

/** A common surname must not turn one search into hundreds of reads. */
export const customerSearchLimit = 50;

export interface CustomerMatch {
  readonly customer: Customer;
  readonly matchedBy: CustomerLookup['kind'];
}

/**
 * Customers for an agent's search, by point reads only: contact- and name-index entries (each
 * customer checked against the entry, which may lag an amend), and ids that follow from our own
 * or the utility's references. `utilityCodes` are the utilities a bare reference is tried under.
 */
export function cosmosCustomerSearch(store: CosmosStore, utilityCodes: readonly string[]) {
  const customers = store.container('customers');
  const documents = workOrderDocuments(store);

  const pointers = async (id: string, schema: typeof ContactIndex | typeof NameIndex): Promise<string[]> => {
    const item = await readItem(customers, id, id);
    const parsed = schema.safeParse(item?.resource);
    return parsed.success ? parsed.data.customerIds.slice(0, customerSearchLimit) : [];
  };
  const ofWorkOrder = async (workOrderId: string): Promise<Customer | undefined> => {
    const workOrder = await documents.getWorkOrder(workOrderId);
    return workOrder === undefined ? undefined : documents.getCustomer(workOrder.value.customerId);
  };
  const present = (found: ReadonlyArray<Customer | undefined>): Customer[] =>
    found.filter((customer): customer is Customer => customer !== undefined);

  async function byContact(channel: 'sms' | 'email', value: string): Promise<Customer[]> {
    const indexId = contactIndexIdFor(channel, value);
    const people = present(
      await Promise.all((await pointers(indexId, ContactIndex)).map(documents.getCustomer)),
    );
    return people.filter((customer) => isCurrentEntry(indexId, customer));
  }

  async function byName(tokens: readonly string[]): Promise<Customer[]> {
    const lists = await Promise.all(
      tokens.map(async (token) =>
        (await Promise.all(nameIndexIdsOf(token).map((id) => pointers(id, NameIndex)))).flat(),
      ),
    );
    const [first = [], ...others] = lists;
    const everywhere = first.filter((id) => others.every((list) => list.includes(id)));
    const people = present(await Promise.all(everywhere.map(documents.getCustomer)));
    return people.filter((customer) => matchesName(customer, tokens.join(' ')));
  }

  async function byId(id: string): Promise<Customer[]> {
    if (id.startsWith('CU-')) return present([await documents.getCustomer(id)]);
    if (id.startsWith('WO-')) return present([await ofWorkOrder(id)]);
    const item = await readItem(store.container('cases'), id, id);
    const record = CaseRecord.safeParse(item?.resource);
    if (!record.success) return [];
    if (record.data.customerId !== undefined)
      return present([await documents.getCustomer(record.data.customerId)]);
    return record.data.workOrderId === undefined ? [] : present([await ofWorkOrder(record.data.workOrderId)]);
  }

  async function lookUp(lookup: CustomerLookup): Promise<Customer[]> {
    switch (lookup.kind) {
      case 'email':
        return byContact('email', lookup.email);
      case 'phone':
        return byContact('sms', lookup.phone);
      case 'id':
        return byId(lookup.id);
      case 'externalId': {
        const codes = lookup.utilityCode === undefined ? utilityCodes : [lookup.utilityCode];
        return present(
          await Promise.all(codes.map((code) => ofWorkOrder(workOrderIdFor(code, lookup.externalId)))),
        );
      }
      case 'name':
        return byName(lookup.tokens);
      default: {
        const unknown: never = lookup;
        throw new Error(`unknown lookup ${JSON.stringify(unknown)}`);
      }
    }
  }

  return {
    async find(lookups: readonly CustomerLookup[]): Promise<CustomerMatch[]> {
      const found = new Map<string, CustomerMatch>();
      for (const lookup of lookups)
        for (const customer of await lookUp(lookup))
          if (!found.has(customer.id) && found.size < customerSearchLimit)
            found.set(customer.id, { customer, matchedBy: lookup.kind });
      return [...found.values()];
    },
  };
}
