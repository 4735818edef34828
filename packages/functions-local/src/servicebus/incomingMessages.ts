import { message as amqpMessage } from 'rhea';

const batchFormat = 0x80013700;

/**
 * The messages in one transfer. A standard transfer (format 0) is one message, already decoded by rhea;
 * a batch (format 0x80013700, from `createMessageBatch`) carries each message, encoded, as one data
 * section of its body. Throws when a batch is malformed.
 */
export function incomingMessages(payload: unknown, format: unknown): Record<string, unknown>[] {
  if (format !== batchFormat) {
    if (typeof payload !== 'object' || payload === null) throw new Error('transfer without a message');
    return [payload as Record<string, unknown>];
  }
  if (!Buffer.isBuffer(payload)) throw new Error('batch transfer without bytes');
  const body: unknown = amqpMessage.decode(payload).body;
  const sections = body as { typecode?: number; content?: unknown; multiple?: boolean } | undefined;
  if (sections?.typecode !== 0x75) throw new Error('batch without data sections');
  const parts: unknown[] = sections.multiple ? (sections.content as unknown[]) : [sections.content];
  return parts.map((part) => {
    if (!Buffer.isBuffer(part)) throw new Error('batch section is not binary');
    return amqpMessage.decode(part) as Record<string, unknown>;
  });
}

/**
 * The bytes a transfer carried: a batch arrives as its raw encoding; a standard message, which rhea
 * has already decoded, is measured by encoding it again (the same sections, so the same size).
 */
export function transferSize(payload: unknown): number {
  if (Buffer.isBuffer(payload)) return payload.length;
  if (typeof payload !== 'object' || payload === null) return 0;
  return amqpMessage.encode(payload as Parameters<typeof amqpMessage.encode>[0]).length;
}
