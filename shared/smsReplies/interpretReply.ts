/** What a customer's SMS asks for; everything we cannot read with confidence is `other`. */
export type SmsReply =
  | { readonly kind: 'choice'; readonly number: number }
  | { readonly kind: 'yes' }
  | { readonly kind: 'stop' }
  | { readonly kind: 'start' }
  | { readonly kind: 'reschedule' }
  | { readonly kind: 'other' };

type KeywordKind = Exclude<SmsReply['kind'], 'choice' | 'other'>;

/** Dutch, French and English, written without accents: the input is folded the same way. */
const keywords: ReadonlyMap<string, KeywordKind> = new Map([
  ['YES', 'yes'],
  ['JA', 'yes'],
  ['OUI', 'yes'],
  ['STOP', 'stop'],
  ['ARRET', 'stop'],
  ['START', 'start'],
  ['RESCHEDULE', 'reschedule'],
  ['WIJZIG', 'reschedule'],
  ['MODIFIER', 'reschedule'],
  ['CHANGE', 'reschedule'],
]);

/** Upper case without accents, and without the punctuation, emoji and spaces phones add around a word. */
const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '');

/**
 * Reads a reply. Only a whole message counts: "1", "ja!", "Arrêt." are understood; "ja maar
 * liever 2" is not, because acting on half a sentence could book or stop the wrong thing, so a
 * dispatcher reads it instead.
 */
export function interpretReply(text: string): SmsReply {
  const word = fold(text);
  if (/^[1-9]$/.test(word)) return { kind: 'choice', number: Number(word) };
  const keyword = keywords.get(word);
  return keyword === undefined ? { kind: 'other' } : { kind: keyword };
}
