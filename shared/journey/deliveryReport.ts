import { z } from 'zod';
import type { Channel } from '../common/contact';
import { camelCaseFields } from '../eventGrid/eventData';
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

// The final statuses of https://learn.microsoft.com/azure/event-grid/communication-services-email-events
// other than Delivered; Expanded (a distribution list) is not final.
const failedEmailStatuses = new Set(['Bounced', 'Failed', 'Quarantined', 'FilteredSpam', 'Suppressed']);

const outcomeOf = (status: string, failed: (status: string) => boolean): DeliveryReport['outcome'] =>
  status === 'Delivered' ? 'delivered' : failed(status) ? 'failed' : 'pending';

/**
 * Reads an ACS delivery report event (data fields in either casing). Undefined for other event
 * types; an error string when a report of a known type is malformed: the webhook then answers 400,
 * so Event Grid dead-letters it (400 is never retried) and nothing is lost silently.
 */
export function deliveryReportOf(event: EventGridEvent): DeliveryReport | string | undefined {
  switch (event.eventType) {
    case smsDeliveryReportEventType: {
      const data = SmsReportData.safeParse(camelCaseFields(event.data));
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
      const data = EmailReportData.safeParse(camelCaseFields(event.data));
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
