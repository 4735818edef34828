import { z } from 'zod';
import { EmailAddress, PhoneE164 } from '../common/contact';
import { UtilityCode } from '../common/identifiers';

/** Who a customer can call about their work order: shown on every self-service page. */
export const UtilityContact = z.object({
  utilityCode: UtilityCode,
  name: z.string().trim().min(1).max(100),
  phone: PhoneE164,
  email: EmailAddress.optional(),
});
export type UtilityContact = z.infer<typeof UtilityContact>;

/** The `UtilityContacts` app setting: a JSON array, the first entry also answering for unknown links. */
export const UtilityContacts = z.array(UtilityContact).max(100);
export type UtilityContacts = z.infer<typeof UtilityContacts>;

/** A name without a number when the setting is missing or broken: a page never fails over it. */
export function parseUtilityContacts(raw: string | undefined): UtilityContacts {
  if (raw === undefined || raw.trim() === '') return [];
  try {
    const parsed = UtilityContacts.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export type ShownContact = Pick<UtilityContact, 'name'> & Partial<Pick<UtilityContact, 'phone' | 'email'>>;

/** The utility's contact, or the first configured one for a link we cannot tie to a work order. */
export function contactFor(contacts: UtilityContacts, utilityCode: string | undefined): ShownContact {
  const own = contacts.find((contact) => contact.utilityCode === utilityCode);
  return own ?? contacts[0] ?? { name: utilityCode ?? 'Fieldline' };
}
