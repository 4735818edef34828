import { createHash } from 'node:crypto';

/**
 * Durable Functions refuses instance ids over 100 characters and, like Cosmos, any with / \ ? #.
 * The work-order id is both, so it must stay inside those limits.
 */
const maxIdLength = 100;

const keptAsIs = /[A-Za-z0-9._-]/;

/** `~` + two hex digits per byte: injective, and `~` never appears unencoded. */
const encodeExternalId = (externalId: string): string =>
  Array.from(Buffer.from(externalId, 'utf8'))
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return byte < 0x80 && keptAsIs.test(char)
        ? char
        : `~${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');

/**
 * Our id for the utility's work order, derived from (utilityCode, externalId) alone so that
 * redelivered or replayed messages land on the same Cosmos document and Durable instance:
 * that is how (utility, external id) uniqueness is enforced, without a lookup.
 *
 * Readable form `WO-<utility>-<encoded external id>`; an external id too long to encode within the
 * limit gets `WO-<utility>~<sha256 prefix>` instead. Utility codes are [A-Z0-9] only, so the
 * character after the code tells the two forms apart and no two inputs share an id.
 */
export function workOrderIdFor(utilityCode: string, externalId: string): string {
  const readable = `WO-${utilityCode}-${encodeExternalId(externalId)}`;
  if (readable.length <= maxIdLength) return readable;
  const digest = createHash('sha256').update(externalId, 'utf8').digest('hex').slice(0, 40);
  return `WO-${utilityCode}~${digest}`;
}
