import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Customer } from './customer';
import { EntityId } from '../common/identifiers';
import { IsoInstant } from '../common/time';

/**
 * Finds customers by name for an agent on the phone, with point reads like the contact index: one
 * entry per word of a name ("An", "Peeters"), so "peeters" or "an peeters" both find An Peeters.
 * A cross-partition query on names would read every customer of a million-home contract per
 * search. The id is a digest of the normalised word, so names never appear in ids, URLs or logs;
 * the entry itself holds only customer ids. Unsalted: a lookup key, not a secret.
 */
export const NameIndex = z.object({
  id: EntityId,
  docType: z.literal('nameIndex'),
  customerIds: z.array(EntityId),
  updatedAt: IsoInstant,
});
export type NameIndex = z.infer<typeof NameIndex>;

/** Words of one letter (initials) match too many people to be worth an entry. */
const minTokenLength = 2;
/** A name is at most 200 characters; past a handful of words the rest are noise, not search terms. */
const maxTokens = 8;

/**
 * The words of a name as searched: lower case, accents dropped ("Désirée" and "desiree" match),
 * split on anything that is not a letter or digit, so "Van den Berg-Smet" gives van, den, berg, smet.
 */
export function nameTokens(name: string): string[] {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= minTokenLength);
  return [...new Set(words)].slice(0, maxTokens);
}

/**
 * Each word's entry is split over buckets by customer: a common surname ("peeters") is shared by
 * thousands of customers, and one document for it would be written by every intake of one of them
 * at once (ETag conflicts under a burst) and grow towards Cosmos DB's 2 MB item limit. A search
 * reads every bucket of a word: a few more point reads, never a query.
 */
export const nameIndexBuckets = 16;

const digest = (text: string): string => createHash('sha256').update(text).digest('hex');

const bucketOf = (customerId: string): string =>
  (Number.parseInt(digest(customerId).slice(0, 2), 16) % nameIndexBuckets).toString(16);

/** The entry that holds `customerId` under one word of their name. */
export const nameIndexIdFor = (token: string, customerId: string): string =>
  `NI-${digest(token).slice(0, 40)}-${bucketOf(customerId)}`;

/** Every entry of a word, for a search. */
export const nameIndexIdsOf = (token: string): string[] =>
  Array.from(
    { length: nameIndexBuckets },
    (_, bucket) => `NI-${digest(token).slice(0, 40)}-${bucket.toString(16)}`,
  );

/** The name words that no longer belong to a customer after an amend, whose entries must let go. */
export function retiredNameTokens(
  before: Pick<Customer, 'name'> | undefined,
  after: Pick<Customer, 'name'>,
): string[] {
  if (before === undefined) return [];
  const kept = new Set(nameTokens(after.name));
  return nameTokens(before.name).filter((token) => !kept.has(token));
}

/**
 * Whether a customer answers a name search: every searched word is one of their name's words. As
 * with the contact index, an entry is only a pointer and may lag an amend, so readers check the
 * customer itself.
 */
export function matchesName(customer: Pick<Customer, 'name'>, query: string): boolean {
  const own = new Set(nameTokens(customer.name));
  const asked = nameTokens(query);
  return asked.length > 0 && asked.every((token) => own.has(token));
}
