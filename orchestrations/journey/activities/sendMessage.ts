import type { Channel } from '../../../shared/common/contact';
import type { Customer } from '../../../shared/customers/customer';
import { composeMessage, formatTime, formatWindow } from '../../../shared/journey/composeMessage';
import type { MessageClaim } from '../../../shared/journey/journeyRecords';
import { notificationIdFor } from '../../../shared/journey/notificationId';
import type { OutgoingMessage } from '../../../shared/journey/notifier';
import { linksByPurpose, type LinkPlaceholder, type LinkPurpose } from '../../../shared/journey/purposes';
import { addLocalDays } from '../../../shared/common/zonedTime';
import type { Notification, NotificationStatus } from '../../../shared/notifications/notification';
import { SendMessageInput, type SendMessageOutput } from '../activityContracts';
import { calendarAttachment } from './calendarAttachment';
import type { JourneyActivityDependencies } from './dependencies';

const recipientOf = (customer: Customer, channel: Channel): string | undefined =>
  channel === 'sms' ? (customer.smsOptedOut ? undefined : customer.phone) : customer.email;

const outputOf = (claim: MessageClaim): SendMessageOutput => ({
  notificationId: claim.notificationId,
  channel: claim.channel,
  status: claim.state === 'sending' ? 'sent' : claim.state,
});

/**
 * An SMS invitation also lists the next free slots ("Reply 1 for …"), remembered so that a digit
 * in the customer's reply books one (functions/smsReplies).
 */
const slotOfferFor = (
  input: SendMessageInput,
  customer: Customer,
  deps: JourneyActivityDependencies,
): Promise<string | undefined> =>
  input.purpose === 'invitation' && input.channel === 'sms' && deps.smsOffers !== undefined
    ? deps.smsOffers.offerFor(input.workOrderId, customer.language)
    : Promise.resolve(undefined);

/**
 * Sends one message at most once. The claim (keyed by work order, purpose, occurrence and
 * channel) is created before sending: a retry finds it and answers from it, and a claim left
 * `sending` by a crash counts as sent, because the customer may already have it. Only a send
 * that certainly did not happen (the provider throttled us) gives the claim back and fails the
 * activity so Durable retries it. Every message is in the work order's communication log
 * (timeline notifications) with its status.
 */
export async function sendMessage(
  raw: unknown,
  deps: JourneyActivityDependencies,
): Promise<SendMessageOutput> {
  const input = SendMessageInput.parse(raw);
  const notificationId = notificationIdFor(input.workOrderId, input.purpose, input.occurrence, input.channel);
  const claim: MessageClaim = {
    notificationId,
    workOrderId: input.workOrderId,
    channel: input.channel,
    state: 'sending',
  };
  const taken = await deps.records.claimMessage(claim);
  if (!taken.claimed) return outputOf(taken.existing);

  // Read at every send, so a contact change or a new preference since the last message counts.
  const workOrder = await deps.records.getWorkOrder(input.workOrderId);
  if (workOrder === undefined) {
    await deps.records.releaseMessage(notificationId);
    throw new Error(`work order ${input.workOrderId} not found`);
  }
  const customerId = workOrder.value.customerId;
  const customer = await deps.records.getCustomer(customerId);
  if (customer === undefined) {
    await deps.records.releaseMessage(notificationId);
    throw new Error(`customer of ${input.workOrderId} not found`);
  }
  const now = deps.now();
  const timeZone = input.timeZone ?? deps.tuning.quietHours.timeZone;
  const log = async (status: NotificationStatus, extra: Partial<Notification> = {}): Promise<void> => {
    await deps.records.saveNotification({
      id: notificationId,
      docType: 'notification',
      subjectId: input.workOrderId,
      customerId,
      channel: input.channel,
      purpose: input.purpose,
      template: `journey.${input.purpose}`,
      language: customer.language,
      status,
      createdAt: now.toISOString(),
      updatedAt: deps.now().toISOString(),
      ...extra,
    });
  };

  const to = recipientOf(customer, input.channel);
  if (to === undefined) {
    await log('suppressed', {
      failureReason: input.channel === 'sms' ? 'SMS opt-out or no phone' : 'no email address',
    });
    await deps.records.settleMessage({ ...claim, state: 'suppressed' });
    return outputOf({ ...claim, state: 'suppressed' });
  }

  const values: Record<string, string> = { company: deps.senderName };
  const linkExpiry = addLocalDays(now, deps.linkValidityDays, timeZone);
  for (const [placeholder, purpose] of Object.entries(linksByPurpose[input.purpose]) as [
    LinkPlaceholder,
    LinkPurpose,
  ][]) {
    values[placeholder] = deps.links.linkFor(input.workOrderId, purpose, linkExpiry);
  }
  if (input.appointment !== undefined) {
    values['window'] = formatWindow(
      new Date(input.appointment.windowStart),
      new Date(input.appointment.windowEnd),
      customer.language,
      timeZone,
    );
  }
  if (input.eta !== undefined) values['eta'] = formatTime(new Date(input.eta), customer.language, timeZone);

  const composed = composeMessage(input.purpose, customer.language, input.channel, values);
  if (!composed.ok) {
    await deps.records.releaseMessage(notificationId);
    throw new Error(`cannot compose ${input.purpose}: ${composed.error}`);
  }
  let offer: string | undefined;
  let calendar: ReturnType<typeof calendarAttachment>;
  try {
    offer = await slotOfferFor(input, customer, deps);
    const workOrder =
      input.channel === 'email' && input.appointment !== undefined
        ? (await deps.records.getWorkOrder(input.workOrderId))?.value
        : undefined;
    calendar =
      workOrder === undefined || input.appointment === undefined
        ? undefined
        : calendarAttachment(
            input.purpose,
            workOrder,
            input.appointment,
            customer.language,
            timeZone,
            deps.utilityContacts ?? [],
            values['rescheduleLink'] ?? '',
            now,
          );
  } catch (error) {
    await deps.records.releaseMessage(notificationId);
    throw error;
  }
  const message: OutgoingMessage =
    composed.value.channel === 'sms'
      ? {
          channel: 'sms',
          to,
          text: offer === undefined ? composed.value.text : `${composed.value.text} ${offer}`,
          reference: notificationId,
        }
      : {
          channel: 'email',
          to,
          subject: composed.value.subject,
          text: composed.value.text,
          reference: notificationId,
          ...(calendar === undefined ? {} : { attachments: [calendar] }),
        };

  await log('queued');
  const sent = await deps.notifier.send(message);
  if (sent.ok) {
    const { providerMessageId } = sent.value;
    await deps.records.linkProviderMessage({
      providerMessageId,
      workOrderId: input.workOrderId,
      notificationId,
      channel: input.channel,
    });
    await log('sent', { providerMessageId });
    await deps.records.settleMessage({ ...claim, state: 'sent', providerMessageId });
    return outputOf({ ...claim, state: 'sent' });
  }
  if (sent.error.kind === 'unavailable') {
    await deps.records.releaseMessage(notificationId);
    throw new Error(`${input.channel} provider unavailable: ${sent.error.reason}`);
  }
  await log('failed', { failureReason: sent.error.reason.slice(0, 500) });
  await deps.records.settleMessage({ ...claim, state: 'failed' });
  return outputOf({ ...claim, state: 'failed' });
}
