import type { MessageContent } from '../messageContent';
import type { SqlValue } from './sqlAst';

/** A message as a subscription rule sees it as the topic routes it. */
export interface RoutedMessage {
  readonly content: MessageContent;
  readonly sequenceNumber: number;
  readonly enqueuedAt: number;
  readonly size: number;
}

/** The AMQP property behind each settable `sys.` name (the SDK's mapping of ServiceBusMessage fields). */
const amqpFields = {
  messageid: 'message_id',
  correlationid: 'correlation_id',
  to: 'to',
  replyto: 'reply_to',
  label: 'subject',
  sessionid: 'group_id',
  replytosessionid: 'reply_to_group_id',
  contenttype: 'content_type',
} as const;
type SettableName = keyof typeof amqpFields;

export const fromAny = (value: unknown): SqlValue => {
  if (value === undefined) return { type: 'unknown' };
  if (value === null) return { type: 'null' };
  if (typeof value === 'string') return { type: 'string', value };
  if (typeof value === 'boolean') return { type: 'boolean', value };
  // rhea decodes every AMQP integer width and float alike as a number: integral ones count as long.
  if (typeof value === 'number')
    return Number.isInteger(value) ? { type: 'long', value } : { type: 'double', value };
  if (value instanceof Date) return { type: 'datetime', value: value.getTime() };
  return { type: 'other', value };
};

const readOnly: Readonly<Record<string, (message: RoutedMessage) => SqlValue>> = {
  sequencenumber: (message) => ({ type: 'long', value: message.sequenceNumber }),
  enqueuedtimeutc: (message) => ({ type: 'datetime', value: message.enqueuedAt }),
  deliverycount: () => ({ type: 'long', value: 0 }),
  size: (message) => ({ type: 'long', value: message.size }),
  timetolive: (message) =>
    message.content.ttl === undefined ? { type: 'null' } : { type: 'other', value: message.content.ttl },
  scheduledenqueuetimeutc: (message) => fromAny(message.content.annotations['x-opt-scheduled-enqueue-time']),
  partitionkey: (message) => fromAny(message.content.annotations['x-opt-partition-key']),
};

const isSettable = (name: string): name is SettableName => name in amqpFields;

/** Names the `sys.` scope knows, as on ServiceBusReceivedMessage (matched ignoring case). */
export const isSystemProperty = (name: string): boolean => {
  const key = name.toLowerCase();
  return isSettable(key) || key in readOnly;
};

export const isSettableSystemProperty = (name: string): boolean => isSettable(name.toLowerCase());

/** A system property's value; unset ones are null (the parser already refused unknown names). */
export function systemProperty(message: RoutedMessage, name: string): SqlValue {
  const key = name.toLowerCase();
  if (isSettable(key)) {
    const value = fromAny(message.content.rest[amqpFields[key]]);
    return value.type === 'unknown' ? { type: 'null' } : value;
  }
  const read = readOnly[key];
  return read ? read(message) : { type: 'unknown' };
}

/** The AMQP properties field a settable system property lives in. */
export const amqpFieldOf = (name: string): string | undefined => {
  const key = name.toLowerCase();
  return isSettable(key) ? amqpFields[key] : undefined;
};

/** A user property, found ignoring case as Service Bus does; `unknown` when the message has none. */
export function userProperty(message: RoutedMessage, name: string): SqlValue {
  const properties = message.content.applicationProperties ?? {};
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(properties)) {
    if (key.toLowerCase() === wanted) return fromAny(value);
  }
  return { type: 'unknown' };
}
