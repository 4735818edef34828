import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';
import type { Channel } from '../common/contact';
import type { Customer } from './customer';
import { EntityId } from '../common/identifiers';
import { IsoInstant } from '../common/time';

/**
 * Finds customers by phone or email with a point read: an SMS reply arrives with only the sender's
 * number. Lives in the `customers` container next to the customers it points to. Its id is an
 * HMAC of the normalised contact point under a secret key (`ContactIndexKey`, from Key Vault), so
 * raw phone numbers and addresses never appear in ids, URLs or logs, and an id cannot be turned
 * back into a number by hashing every number there is (the phone space is small enough for that).
 */
export const ContactIndex = z.object({
  id: EntityId,
  docType: z.literal('contactIndex'),
  channel: z.enum(['sms', 'email']),
  customerIds: z.array(EntityId),
  updatedAt: IsoInstant,
});
export type ContactIndex = z.infer<typeof ContactIndex>;

const normalise = (channel: Channel, value: string): string =>
  channel === 'email' ? value.trim().toLowerCase() : value.replace(/[\s().-]/g, '');

/** The app setting holding the index key (a Key Vault reference in Azure, see infra/app/keyvault.bicep). */
export const contactIndexKeySetting = 'ContactIndexKey';

/**
 * Only for runs without the setting (unit tests, a checkout before `npm start` sets one): Bicep
 * always sets the real key, and /api/health reports an app running without one.
 */
export const developmentContactIndexKey = 'fieldline-development-contact-index-key';

/** The key every instance of the app hashes with: the same setting everywhere, so ids agree. */
export const contactIndexKey = (
  settings: Readonly<Record<string, string | undefined>> = process.env,
): string => settings[contactIndexKeySetting] || developmentContactIndexKey;

/** The index id of a contact point: HMAC-SHA256 under the index key, 160 bits kept. */
export const contactIndexIdFor = (channel: Channel, value: string, key: string = contactIndexKey()): string =>
  `CI-${channel}-${createHmac('sha256', key).update(normalise(channel, value)).digest('hex').slice(0, 40)}`;

/** The id entries had before the index was keyed: only for the migration that replaces them. */
export const unkeyedContactIndexIdFor = (channel: Channel, value: string): string =>
  `CI-${channel}-${createHash('sha256').update(normalise(channel, value)).digest('hex').slice(0, 40)}`;

/** The index entries a customer's current contact points live at. */
export const contactIndexIdsOf = (customer: Pick<Customer, 'phone' | 'email'>): string[] => [
  ...(customer.phone === undefined ? [] : [contactIndexIdFor('sms', customer.phone)]),
  ...(customer.email === undefined ? [] : [contactIndexIdFor('email', customer.email)]),
];

/**
 * Whether an index entry still leads to this customer. An index is only a pointer, and a retired
 * entry may linger (a crash between the customer write and the retirement): every reader checks
 * that the customer still has the phone or email the entry is for, so a number passed on to
 * someone else never shows them the previous owner.
 */
export const isCurrentEntry = (indexId: string, customer: Pick<Customer, 'phone' | 'email'>): boolean =>
  contactIndexIdsOf(customer).includes(indexId);

/** The contact points an amend took away from a customer, whose index entries must let go of them. */
export function retiredContacts(
  before: Pick<Customer, 'phone' | 'email'> | undefined,
  after: Pick<Customer, 'phone' | 'email'>,
): Array<{ readonly channel: Channel; readonly value: string }> {
  if (before === undefined) return [];
  const kept = new Set(contactIndexIdsOf(after));
  return [
    ...(before.phone === undefined ? [] : [{ channel: 'sms' as const, value: before.phone }]),
    ...(before.email === undefined ? [] : [{ channel: 'email' as const, value: before.email }]),
  ].filter((contact) => !kept.has(contactIndexIdFor(contact.channel, contact.value)));
}
