import { randomUUID } from 'node:crypto';
import type { ServiceBusMessage, ServiceBusReceivedMessage } from '@azure/service-bus';
import { toTypedData, type RpcTypedData } from '../host';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function textOf(bytes: Buffer): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The message body as the host hands it to a Node function: text as a string (the library then
 * parses it when it is JSON, so a JSON message arrives as an object), anything else as bytes.
 * The receiver runs with `skipParsingBodyAsJson`, so `body` holds the raw data section.
 */
export function messageBodyData(body: unknown): RpcTypedData {
  if (Buffer.isBuffer(body) || body instanceof Uint8Array) {
    const bytes = Buffer.from(body);
    const text = textOf(bytes);
    return text === undefined ? { bytes } : { string: text };
  }
  return toTypedData(body);
}

const metadataValue = (value: unknown): RpcTypedData | undefined => {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return { string: value.toISOString() };
  if (Buffer.isBuffer(value)) return { string: value.toString('hex') };
  return toTypedData(value);
};

/**
 * Trigger metadata under the names the Service Bus extension binds (the library camel-cases them
 * into `context.triggerMetadata`: messageId, deliveryCount, enqueuedTimeUtc, …).
 */
export function messageTriggerMetadata(message: ServiceBusReceivedMessage): Record<string, RpcTypedData> {
  const applicationProperties = message.applicationProperties ?? {};
  const entries: Record<string, unknown> = {
    MessageId: message.messageId,
    // On the wire (and in the JS SDK) the count is of earlier deliveries; the host's .NET client
    // adds one, so a function sees 1 on the first delivery.
    DeliveryCount: (message.deliveryCount ?? 0) + 1,
    EnqueuedTimeUtc: message.enqueuedTimeUtc,
    ExpiresAtUtc: message.expiresAtUtc,
    LockedUntilUtc: message.lockedUntilUtc,
    SequenceNumber: message.sequenceNumber?.toNumber(),
    ContentType: message.contentType,
    CorrelationId: message.correlationId,
    Subject: message.subject,
    Label: message.subject,
    ReplyTo: message.replyTo,
    To: message.to,
    SessionId: message.sessionId,
    ReplyToSessionId: message.replyToSessionId,
    PartitionKey: message.partitionKey,
    LockToken: message.lockToken,
    DeadLetterSource: message.deadLetterSource,
    ApplicationProperties: applicationProperties,
    UserProperties: applicationProperties,
  };
  const metadata: Record<string, RpcTypedData> = {};
  for (const [name, value] of Object.entries(entries)) {
    const data = metadataValue(value);
    if (data) metadata[name] = data;
  }
  return metadata;
}

function outgoingMessage(value: unknown, messageId: string): ServiceBusMessage {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { body: Buffer.from(value), messageId };
  if (typeof value === 'string') return { body: Buffer.from(value, 'utf8'), messageId };
  return { body: Buffer.from(JSON.stringify(value), 'utf8'), contentType: 'application/json', messageId };
}

/**
 * Messages for a `serviceBus` output binding's value, encoded as the host does: text and JSON as
 * UTF-8 bytes in the data section (so SDK receivers parse JSON back to objects), an array as one
 * message per element.
 */
export function outputMessages(value: unknown, newMessageId: () => string = randomUUID): ServiceBusMessage[] {
  if (value === undefined || value === null) return [];
  // Every message gets an id, as the host's client gives one: receivers rely on it (lock renewal, dedupe).
  const values: unknown[] = Array.isArray(value) ? value : [value];
  return values.map((item) => outgoingMessage(item, newMessageId()));
}
