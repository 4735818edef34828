import { randomUUID } from 'node:crypto';
import { message as amqpMessage, types } from 'rhea';
import type { Reader } from 'rhea/typings/types';

// rhea exports its section reader at runtime but leaves it out of the `types` typings.
const { Reader: SectionReader } = types as unknown as { readonly Reader: typeof Reader };

/** AMQP section descriptor codes (AMQP 1.0 §3.2). */
const section = {
  header: 0x70,
  messageAnnotations: 0x72,
  properties: 0x73,
  applicationProperties: 0x74,
  data: 0x75,
  sequence: 0x76,
  value: 0x77,
  footer: 0x78,
} as const;

const propertyFields = [
  'message_id',
  'user_id',
  'to',
  'subject',
  'reply_to',
  'correlation_id',
  'content_type',
  'content_encoding',
  'absolute_expiry_time',
  'creation_time',
  'group_id',
  'group_sequence',
  'reply_to_group_id',
] as const;

export type ApplicationProperties = Readonly<Record<string, unknown>>;

/**
 * What a sender gave the broker, kept apart from what the broker adds on each delivery (header with the
 * delivery count, broker annotations). Properties, application properties, body sections and footer
 * are encoded once at intake, so data sections, amqp-value and amqp-sequence bodies go back out as they came in.
 */
export interface MessageContent {
  readonly durable: boolean | undefined;
  readonly priority: number | undefined;
  /** Header time-to-live in ms, if the sender set one. */
  readonly ttl: number | undefined;
  readonly messageId: unknown;
  readonly annotations: Readonly<Record<string, unknown>>;
  readonly applicationProperties: ApplicationProperties | undefined;
  /** The decoded sections after the annotations, to re-encode when application properties change. */
  readonly rest: Readonly<Record<string, unknown>>;
  /** `rest` encoded: properties, application properties, body and footer sections. */
  readonly restBytes: Buffer;
}

/** Keeps only the sections with the given descriptors from an encoded message. */
function pickSections(encoded: Buffer, keep: ReadonlySet<number>): Buffer {
  const reader = new SectionReader(encoded);
  const parts: Buffer[] = [];
  while (reader.remaining() > 0) {
    const start = reader.position;
    const value = reader.read();
    const descriptor: unknown = value.descriptor?.value;
    if (typeof descriptor === 'number' && keep.has(descriptor))
      parts.push(encoded.subarray(start, reader.position));
  }
  return parts.length === 1 && parts[0] ? parts[0] : Buffer.concat(parts);
}

const restSections: ReadonlySet<number> = new Set([
  section.properties,
  section.applicationProperties,
  section.data,
  section.sequence,
  section.value,
  section.footer,
]);
const prefixSections: ReadonlySet<number> = new Set([section.header, section.messageAnnotations]);

function encodeRest(rest: Readonly<Record<string, unknown>>): Buffer {
  return pickSections(amqpMessage.encode(rest), restSections);
}

const optionalNumber = (value: unknown): number | undefined =>
  typeof value === 'number' ? value : undefined;
const optionalRecord = (value: unknown): Readonly<Record<string, unknown>> | undefined =>
  typeof value === 'object' && value !== null && !Buffer.isBuffer(value)
    ? (value as Record<string, unknown>)
    : undefined;

/** Takes a message as rhea decoded it from a transfer (or from one entry of a batch). */
export function contentFromMessage(decoded: Readonly<Record<string, unknown>>): MessageContent {
  const rest: Record<string, unknown> = {};
  for (const field of propertyFields) {
    if (decoded[field] !== undefined) rest[field] = decoded[field];
  }
  // Service Bus gives every message an id; the SDK's lock renewal keys its timers by it.
  rest.message_id ??= randomUUID().replaceAll('-', '');
  const applicationProperties = optionalRecord(decoded.application_properties);
  if (applicationProperties) rest.application_properties = applicationProperties;
  rest.body = decoded.body;
  if (decoded.footer !== undefined) rest.footer = decoded.footer;
  return {
    durable: typeof decoded.durable === 'boolean' ? decoded.durable : undefined,
    priority: optionalNumber(decoded.priority),
    ttl: optionalNumber(decoded.ttl),
    messageId: rest.message_id,
    annotations: optionalRecord(decoded.message_annotations) ?? {},
    applicationProperties,
    rest,
    restBytes: encodeRest(rest),
  };
}

/** Abandon/defer property changes and dead-letter reasons land in the application properties, as in Service Bus. */
export function withApplicationProperties(
  content: MessageContent,
  changes: ApplicationProperties,
): MessageContent {
  if (Object.keys(changes).length === 0) return content;
  const applicationProperties = { ...content.applicationProperties, ...changes };
  const rest = { ...content.rest, application_properties: applicationProperties };
  return { ...content, applicationProperties, rest, restBytes: encodeRest(rest) };
}

/**
 * A copy with AMQP properties set (`undefined` clears one) and the application properties replaced,
 * as a subscription rule's action leaves its private copy of a message.
 */
export function withChanges(
  content: MessageContent,
  fields: Readonly<Record<string, unknown>>,
  applicationProperties: ApplicationProperties,
): MessageContent {
  const rest: Record<string, unknown> = { ...content.rest, application_properties: applicationProperties };
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) delete rest[field];
    else rest[field] = value;
  }
  return {
    ...content,
    messageId: rest.message_id,
    applicationProperties,
    rest,
    restBytes: encodeRest(rest),
  };
}

/** The broker's own per-delivery fields. */
export interface DeliveryStamp {
  readonly deliveryCount: number;
  /** The effective time-to-live (the sender's, capped by the queue default). */
  readonly ttl: number | undefined;
  readonly annotations: Readonly<Record<string, unknown>>;
}

/** The whole message as a receiver gets it: a fresh header and annotations in front of the sender's sections. */
export function encodeForDelivery(content: MessageContent, stamp: DeliveryStamp): Buffer {
  const prefix: Record<string, unknown> = {
    delivery_count: stamp.deliveryCount,
    message_annotations: { ...content.annotations, ...stamp.annotations },
  };
  if (content.durable !== undefined) prefix.durable = content.durable;
  if (content.priority !== undefined) prefix.priority = content.priority;
  if (stamp.ttl !== undefined) prefix.ttl = stamp.ttl;
  return Buffer.concat([pickSections(amqpMessage.encode(prefix), prefixSections), content.restBytes]);
}

/** Broker annotations must keep their AMQP types (long, timestamp) for the SDK to read them back. */
export const annotation = {
  long: (value: number): unknown => types.wrap_long(value),
  int: (value: number): unknown => types.wrap_int(value),
  timestamp: (ms: number): unknown => types.wrap_timestamp(ms),
};
