import { z } from 'zod';
import { camelCaseFields } from '../eventGrid/eventData';
import type { EventGridEvent } from '../eventGrid/eventGridEvent';

export const smsReceivedEventType = 'Microsoft.Communication.SMSReceived';

const SmsReceivedData = z.object({
  messageId: z.string().min(1).max(200),
  from: z.string().min(1).max(32),
  to: z.string().min(1).max(32),
  /** Empty for a message with no text (e.g. only a picture): it is answered like any unclear reply. */
  message: z.string().max(2000).default(''),
  receivedTimestamp: z.string().optional(),
});

/** A customer's text to one of our numbers, as ACS reports it. Holds personal data: never log it. */
export interface InboundSms {
  readonly messageId: string;
  readonly from: string;
  /** Our number the customer texted; replies go out from it so they land in the same thread. */
  readonly to: string;
  readonly text: string;
  readonly receivedAt?: string | undefined;
}

/**
 * Reads an ACS inbound SMS event (data fields in either casing). Undefined for other event types;
 * an error string (without the message's content) when an SMS event is malformed: the webhook then
 * answers 400, so Event Grid dead-letters it rather than it being lost.
 */
export function inboundSmsOf(event: EventGridEvent): InboundSms | string | undefined {
  if (event.eventType !== smsReceivedEventType) return undefined;
  const data = SmsReceivedData.safeParse(camelCaseFields(event.data));
  if (!data.success) return `malformed inbound SMS event ${event.id}`;
  return {
    messageId: data.data.messageId,
    from: data.data.from,
    to: data.data.to,
    text: data.data.message,
    receivedAt: data.data.receivedTimestamp,
  };
}
