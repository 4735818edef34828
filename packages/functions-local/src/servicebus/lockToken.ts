/**
 * Lock tokens are GUIDs. In `$management` bodies they travel as AMQP uuids (RFC 4122 byte order), but
 * as delivery tags Service Bus writes the .NET `Guid` byte layout, whose first three groups are
 * little-endian; the SDK swaps them back when it reads a tag. Both forms name the same token text.
 */
const swapGuidGroups = (bytes: Buffer): Buffer =>
  Buffer.from([
    bytes[3] ?? 0,
    bytes[2] ?? 0,
    bytes[1] ?? 0,
    bytes[0] ?? 0,
    bytes[5] ?? 0,
    bytes[4] ?? 0,
    bytes[7] ?? 0,
    bytes[6] ?? 0,
    ...bytes.subarray(8, 16),
  ]);

/** Token text from an AMQP uuid (a `lock-tokens` entry). */
export function lockTokenFromUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The AMQP uuid for a token, as sent in management responses. */
export const uuidFromLockToken = (token: string): Buffer => Buffer.from(token.replaceAll('-', ''), 'hex');

/** Token text from a delivery tag in .NET GUID layout. */
export const lockTokenFromDeliveryTag = (tag: Buffer): string => lockTokenFromUuid(swapGuidGroups(tag));

/** The delivery tag for a token, in .NET GUID layout. */
export const deliveryTagFromLockToken = (token: string): Buffer => swapGuidGroups(uuidFromLockToken(token));
