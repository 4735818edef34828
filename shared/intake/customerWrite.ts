import type { Versioned } from '../common/versioned';
import type { Customer } from '../customers/customer';
import { retiredContacts } from '../customers/contactIndex';
import { nameTokens, retiredNameTokens } from '../customers/nameIndex';
import type { IntakeStore } from './intakePorts';

/** What became of intake's write of a customer: written (or already there), or a newer revision holds it. */
export type CustomerWrite =
  { readonly kind: 'written' } | { readonly kind: 'superseded'; readonly current: Customer };

/** A concurrent writer (another revision, or the journey's STOP/START) changed the customer this often. */
const maxConflicts = 5;

const revisionOf = (customer: Versioned<Customer> | undefined): number => customer?.value.revision ?? 0;

/**
 * Takes the customer off every contact point and name word that one of `known` had and `current`
 * does not. Repeatable; each retirement also revokes the links sent to that contact point.
 */
export async function retireAllBut(
  store: IntakeStore,
  known: readonly Customer[],
  current: Customer | undefined,
): Promise<void> {
  const after: Pick<Customer, 'name' | 'phone' | 'email'> = current ?? { name: '' };
  const contacts = new Map<string, { channel: 'sms' | 'email'; value: string }>();
  const tokens = new Set<string>();
  for (const customer of known) {
    for (const contact of retiredContacts(customer, after))
      contacts.set(`${contact.channel} ${contact.value}`, contact);
    for (const token of retiredNameTokens(customer, after)) tokens.add(token);
  }
  const id = known[0]?.id;
  if (id === undefined) return;
  const at = current?.updatedAt ?? known[known.length - 1]!.updatedAt;
  await Promise.all([
    ...[...contacts.values()].map((contact) => store.retireContact(contact.channel, contact.value, id, at)),
    ...[...tokens].map((token) => store.retireNameToken(token, id, at)),
  ]);
}

/**
 * Writes the customer as revision `mine.revision` describes them, and only over an older revision:
 * ETag-guarded, so a concurrent amend or STOP landing in between makes it re-read and decide again.
 * What the write takes away is retired first (a redelivery after a crash in between reads the old
 * customer and retires it again; links sent to a contact point being taken away stop working
 * before the customer says so). `seen` collects every stored customer read, for `retireAllBut`.
 */
export async function writeCustomer(
  store: IntakeStore,
  mine: Customer,
  stored: Versioned<Customer> | undefined,
  seen: Customer[],
): Promise<CustomerWrite> {
  let current = stored;
  for (let attempt = 0; attempt < maxConflicts; attempt++) {
    if (current !== undefined) seen.push(current.value);
    const held = revisionOf(current);
    if (current !== undefined && held > (mine.revision ?? 0))
      return { kind: 'superseded', current: current.value };
    // The same revision is this message's own write, before a crash or a lost race on the work
    // order: what it took away is retired already, its entries may not be written yet.
    if (current !== undefined && held === mine.revision) {
      await indexContacts(store, mine, current.value);
      return { kind: 'written' };
    }
    const before = current?.value;
    await Promise.all([
      ...retiredContacts(before, mine).map((old) =>
        store.retireContact(old.channel, old.value, mine.id, mine.updatedAt),
      ),
      ...retiredNameTokens(before, mine).map((token) =>
        store.retireNameToken(token, mine.id, mine.updatedAt),
      ),
    ]);
    if ((await store.writeCustomer(mine, current?.etag)) === 'written') {
      await indexContacts(store, mine, before);
      return { kind: 'written' };
    }
    current = await store.getCustomer(mine.id);
  }
  throw new Error(`customer ${mine.id} kept changing while intake wrote it; the delivery will be retried`);
}

/**
 * Independent entries, written side by side; one the customer did not have before is most likely
 * new to the index too (a contact point is one household's).
 */
async function indexContacts(
  store: IntakeStore,
  mine: Customer,
  before: Customer | undefined,
): Promise<void> {
  const { phone, email, id, updatedAt } = mine;
  await Promise.all([
    ...(phone === undefined
      ? []
      : [store.indexContact('sms', phone, id, updatedAt, { newToCustomer: before?.phone !== phone })]),
    ...(email === undefined
      ? []
      : [store.indexContact('email', email, id, updatedAt, { newToCustomer: before?.email !== email })]),
  ]);
}

/** For agents' search only; the words are independent entries, written side by side. */
export async function indexName(store: IntakeStore, mine: Customer): Promise<void> {
  await Promise.all(
    nameTokens(mine.name).map((token) => store.indexNameToken(token, mine.id, mine.updatedAt)),
  );
}
