import { EmailAddress } from '../common/contact';
import { phoneFromTyped } from '../common/phoneNumber';
import { ExternalId, UtilityCode } from '../common/identifiers';
import { nameTokens } from './nameIndex';

/**
 * What a caller gives an agent, read from one search box. Each reading is a point-read lookup
 * (contact index, name index, deterministic ids); a box that could be several (a reference that is
 * also a word of a name) is looked up every way it could be.
 */
export type CustomerLookup =
  | { readonly kind: 'email'; readonly email: string }
  | { readonly kind: 'phone'; readonly phone: string }
  | { readonly kind: 'id'; readonly id: string }
  | { readonly kind: 'externalId'; readonly utilityCode?: string; readonly externalId: string }
  | { readonly kind: 'name'; readonly tokens: readonly string[] };

/** Our own ids: a customer, a work order, or a case number the caller reads out. */
const ownId = /^(CU|WO)-[^/\\?#\s]+$|^CASE-\d{6}$/;

export function customerLookups(raw: string, phoneCountry?: string): CustomerLookup[] {
  const text = raw.trim();
  if (text === '') return [];
  if (text.includes('@'))
    return EmailAddress.safeParse(text).success ? [{ kind: 'email', email: text.toLowerCase() }] : [];
  const phone = phoneFromTyped(text, phoneCountry);
  if (phone !== undefined) return [{ kind: 'phone', phone }];
  if (ownId.test(text)) return [{ kind: 'id', id: text }];
  const lookups: CustomerLookup[] = [];
  const [first, second, ...rest] = text.split(/\s+/);
  if (rest.length === 0 && second !== undefined && UtilityCode.safeParse(first).success)
    if (ExternalId.safeParse(second).success)
      lookups.push({ kind: 'externalId', utilityCode: first ?? '', externalId: second });
  if (second === undefined && ExternalId.safeParse(text).success)
    lookups.push({ kind: 'externalId', externalId: text });
  const tokens = nameTokens(text);
  if (tokens.length > 0) lookups.push({ kind: 'name', tokens });
  return lookups;
}
