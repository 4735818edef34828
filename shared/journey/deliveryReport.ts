import { z } from 'zod';
import type { Channel } from '../common/contact';
import type { EventGridEvent } from '../eventGrid/eventGridEvent';

export const smsDeliveryReportEventType = 'Microsoft.Communication.SMSDeliveryReportReceived';
export const emailDeliveryReportEventType = 'Microsoft.Communication.EmailDeliveryReportReceived';

/** What a delivery report tells the journey; `pending` reports (e.g. a list expanded) change nothing. */
export interface DeliveryReport {
  readonly providerMessageId: string;
  readonly channel: Channel;
  readonly outcome: 'delivered' | 'failed' | 'pending';
  /** The provider's status words, for the communication log; never personal data. */
  readonly detail: string;
}

const SmsReportData = z.object({
  messageId: z.string().min(1),
  deliveryStatus: z.string().min(1),
  deliveryStatusDetails: z.string().optional(),
});

const EmailReportData = z.object({
  messageId: z.string().min(1),
  status: z.string().min(1),
  deliveryStatusDetails: z.object({ statusMessage: z.string().optional() }).optional(),
});

const failedEmailStatuses = new Set(['Failed', 'Quarantined', 'FilteredSpam', 'Suppressed']);

const outcomeOf = (status: string, failed: (status: string) => boolean): DeliveryReport['outcome'] =>
  status === 'Delivered' ? 'delivered' : failed(status) ? 'failed' : 'pending';

/**
 * Reads an ACS delivery report event. Undefined for other event types; an error string when a
 * report of a known type is malformed (Event Grid would only redeliver it, so callers log and drop).
 */
export function deliveryReportOf(event: EventGridEvent): DeliveryReport | string | undefined {
  switch (event.eventType) {
    case smsDeliveryReportEventType: {
      const data = SmsReportData.safeParse(event.data);
      if (!data.success) return `malformed SMS delivery report ${event.id}`;
      return {
        providerMessageId: data.data.messageId,
        channel: 'sms',
        outcome: outcomeOf(data.data.deliveryStatus, (status) => status === 'Failed'),
        detail: [data.data.deliveryStatus, data.data.deliveryStatusDetails]
          .filter(Boolean)
          .join(': ')
          .slice(0, 500),
      };
    }
    case emailDeliveryReportEventType: {
      const data = EmailReportData.safeParse(event.data);
      if (!data.success) return `malformed email delivery report ${event.id}`;
      return {
        providerMessageId: data.data.messageId,
        channel: 'email',
        outcome: outcomeOf(data.data.status, (status) => failedEmailStatuses.has(status)),
        detail: [data.data.status, data.data.deliveryStatusDetails?.statusMessage]
          .filter(Boolean)
          .join(': ')
          .slice(0, 500),
      };
    }
    default:
      return undefined;
  }
}
