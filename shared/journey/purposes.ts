import { z } from 'zod';
import { NotificationPurpose } from '../notifications/notification';

/** The messages a journey sends, a subset of the notification purposes. */
export const JourneyPurpose = NotificationPurpose.extract([
  'invitation',
  'bookingConfirmation',
  'rescheduleConfirmation',
  'reminder',
  'technicianEnRoute',
  'visitCompleted',
  'visitMissed',
  'bookingReleased',
  'cancellation',
  'workDeclined',
]);
export type JourneyPurpose = z.infer<typeof JourneyPurpose>;

/** What a self-service link lets the customer do; the booking pages verify the purpose. */
export const LinkPurpose = z.enum(['book', 'reschedule', 'cancel', 'status', 'survey']);
export type LinkPurpose = z.infer<typeof LinkPurpose>;

/** The links each message carries, by the placeholder its templates use. */
export const linksByPurpose: Readonly<
  Record<JourneyPurpose, Readonly<Partial<Record<LinkPlaceholder, LinkPurpose>>>>
> = {
  invitation: { bookingLink: 'book' },
  bookingConfirmation: { rescheduleLink: 'reschedule', cancelLink: 'cancel' },
  rescheduleConfirmation: { rescheduleLink: 'reschedule', cancelLink: 'cancel' },
  reminder: { rescheduleLink: 'reschedule', cancelLink: 'cancel' },
  technicianEnRoute: {},
  visitCompleted: { surveyLink: 'survey' },
  visitMissed: { bookingLink: 'book' },
  bookingReleased: { bookingLink: 'book' },
  cancellation: {},
  workDeclined: {},
};

export type LinkPlaceholder = 'bookingLink' | 'rescheduleLink' | 'cancelLink' | 'surveyLink';
