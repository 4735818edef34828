/**
 * Personal data must never reach logs. Keys are checked by their words (camelCase and snake_case
 * split), so `customerPhone` and `site_address` are caught; a few technical prefixes keep names
 * like `queueName` readable because they name infrastructure, not people.
 */
const personalWords = new Set([
  'phone',
  'mobile',
  'msisdn',
  'email',
  'mail',
  'address',
  'street',
  'postcode',
  'zip',
  'city',
  'name',
  'firstname',
  'lastname',
  'recipient',
  'latitude',
  'longitude',
]);

const technicalPrefixes = new Set([
  'queue',
  'container',
  'function',
  'template',
  'blob',
  'file',
  'host',
  'event',
  'orchestration',
  'activity',
  'setting',
  'metric',
  'database',
  'partition',
]);

const wordsOf = (key: string): string[] =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());

export function isPersonalDataKey(key: string): boolean {
  const words = wordsOf(key);
  if (!words.some((word) => personalWords.has(word))) return false;
  return !(words.length > 1 && technicalPrefixes.has(words[0] ?? ''));
}

const emailPattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const phonePattern = /\+[1-9]\d{6,14}\b/g;

/** Free text may still quote a customer (an exception message, a template error): mask what looks personal. */
export const maskPersonalText = (text: string): string =>
  text.replace(emailPattern, '[email]').replace(phonePattern, '[phone]');
