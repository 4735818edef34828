import { z } from 'zod';
import { Channel, Language } from '../common/contact';
import { EntityId } from '../common/identifiers';
import { IsoInstant } from '../common/time';

export const NotificationPurpose = z.enum([
  'invitation',
  'reminder',
  'bookingConfirmation',
  'rescheduleConfirmation',
  'dayBeforeReminder',
  'technicianEnRoute',
  'visitCompleted',
  'visitMissed',
  /** An amendment made the booked appointment impossible; the customer chooses again. */
  'bookingReleased',
  'onHold',
  'cancellation',
  /** The customer declined the work: acknowledged, and the utility is told. */
  'workDeclined',
  /** A short answer to a customer's text (a booked slot, a new link, help); see smsReplies. */
  'smsReply',
]);
export type NotificationPurpose = z.infer<typeof NotificationPurpose>;

/**
 * queued → sent (ACS accepted it) → delivered | failed; `suppressed` when a rule stopped it
 * (SMS opt-out, no usable contact point) so the journey can tell "not sent" from "not delivered".
 */
export const NotificationStatus = z.enum(['queued', 'sent', 'delivered', 'failed', 'suppressed']);
export type NotificationStatus = z.infer<typeof NotificationStatus>;

/**
 * One SMS or email to a customer, kept in the `timeline` container under its work order
 * (`subjectId`) so a work order's messages and events are one single-partition query. The recipient
 * is not stored here: it is on the Customer, which keeps personal data in one place.
 */
export const Notification = z.object({
  id: EntityId,
  docType: z.literal('notification'),
  subjectId: EntityId,
  customerId: EntityId,
  channel: Channel,
  purpose: NotificationPurpose,
  template: z
    .string()
    .regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/, 'must be a template key, e.g. journey.invitation'),
  language: Language,
  status: NotificationStatus,
  /** ACS message id once sent; delivery reports are matched on it via the idempotency container. */
  providerMessageId: z.string().min(1).optional(),
  failureReason: z.string().max(500).optional(),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type Notification = z.infer<typeof Notification>;
