import { createHash } from 'node:crypto';
import type { RaiseRefusal } from '../../orchestrations/journey/client';
import type { JourneyEventKey, JourneyEventPayload } from '../../orchestrations/journey/contract';
import { createItem, replaceItemAt } from '../../shared/adapters/cosmos/items';
import type { CurrentBooking } from '../../shared/booking/currentBooking';
import type { Language } from '../../shared/common/contact';
import { contactIndexIdFor } from '../../shared/customers/contactIndex';
import { maskPersonalText } from '../../shared/observability/personalData';
import type { Result } from '../../shared/result';
import {
  currentWorkOrder,
  decideReply,
  interpretReply,
  replyText,
  type AttentionReason,
  type InboundSms,
  type ReplyAction,
  type ReplyText,
} from '../../shared/smsReplies';
import type { TimelineEvent } from '../../shared/timeline/timelineEvent';
import { isTerminalWorkOrderStatus } from '../../shared/workorders/workOrderState';
import type { WorkOrder } from '../../shared/workorders/workOrder';
import type { SmsReplyDependencies } from './dependencies';
import { offerFreeSlots, readSmsOffer } from './offerStore';
import { readCustomer, senderRecords, type SenderRecord } from './senderRecords';
import type { Notification } from '../../shared/notifications/notification';

export type RaiseJourneyEvent = <K extends JourneyEventKey>(
  workOrderId: string,
  event: K,
  payload: JourneyEventPayload<K>,
) => Promise<Result<void, RaiseRefusal>>;

/** Log fields: ids and outcomes only, never the number or the text. */
export type SmsLog = (
  level: 'info' | 'warn',
  message: string,
  fields: Readonly<Record<string, string | number | boolean>>,
) => void;

export interface SmsHandling {
  readonly outcome:
    'replied' | 'rateLimited' | 'duplicate' | 'unknownSender' | 'noOpenWorkOrder' | 'notOurNumber';
  readonly workOrderId?: string;
  readonly action?: ReplyAction['kind'];
}

/** How long a link sent in a reply works: it answers a question asked now, not for the whole journey. */
const replyLinkValidityMs = 7 * 86_400_000;

const digest = (value: string): string => createHash('sha256').update(value).digest('hex').slice(0, 40);

/** One reply per inbound message: its id keys the idempotency marker, the timeline ids and the SMS tag. */
const replyKeyFor = (sms: InboundSms): string => `SMS-${digest(sms.messageId)}`;

interface Handling {
  readonly deps: SmsReplyDependencies;
  readonly raise: RaiseJourneyEvent;
  readonly log: SmsLog;
  readonly sms: InboundSms;
  readonly key: string;
}

/**
 * Acts on one inbound SMS at most once. A marker keyed by the ACS message id is created first, so
 * Event Grid's redeliveries find it and do nothing; if acting fails the marker is removed and the
 * error thrown, so the redelivery Event Grid then makes acts in full (each step tolerates a repeat).
 */
export async function replyToSms(
  sms: InboundSms,
  deps: SmsReplyDependencies,
  raise: RaiseJourneyEvent,
  log: SmsLog,
): Promise<SmsHandling> {
  // Only texts to our own two-way number are answered, and only from it: the event names the
  // number, and a forged or misrouted one must not make us text from (or about) another.
  if (deps.ourNumber === undefined || sms.to !== deps.ourNumber) return { outcome: 'notOurNumber' };
  const limited = await deps.perSender.take(contactIndexIdFor('sms', sms.from), deps.now().getTime());
  if (!limited.allowed) return { outcome: 'rateLimited' };
  const key = replyKeyFor(sms);
  const marker = { id: key, docType: 'smsReply', receivedAt: deps.now().toISOString() };
  if ((await createItem(deps.idempotency, marker)) === 'exists') return { outcome: 'duplicate' };
  try {
    return await act({ deps, raise, log, sms, key });
  } catch (error) {
    await deps.idempotency
      .item(key, key)
      .delete()
      .catch(() => undefined);
    throw error;
  }
}

async function act(handling: Handling): Promise<SmsHandling> {
  const { deps, sms } = handling;
  const records = await senderRecords(deps, sms.from);
  if (records.length === 0) return { outcome: 'unknownSender' };
  const reply = interpretReply(sms.text);
  const open = records.filter(
    (record): record is SenderRecord & { workOrder: WorkOrder } =>
      record.workOrder !== undefined && !isTerminalWorkOrderStatus(record.workOrder.state.status),
  );
  const current = currentWorkOrder(open.map((record) => ({ ...record.workOrder, record })))?.record;

  if (reply.kind === 'stop' || reply.kind === 'start') {
    const optedOut = reply.kind === 'stop';
    await setOptOut(handling, records, optedOut);
    const language = (current ?? records[0])?.customer.value.language ?? 'nl';
    const about = current ?? records[0];
    await send(
      handling,
      { kind: optedOut ? 'stopped' : 'started' },
      language,
      about && {
        workOrderId: about.customer.value.workOrderId,
        customerId: about.customer.value.id,
      },
    );
    return {
      outcome: 'replied',
      action: optedOut ? 'optOut' : 'optIn',
      ...(current ? { workOrderId: current.workOrder.id } : {}),
    };
  }
  if (current === undefined) return { outcome: 'noOpenWorkOrder' };

  const workOrder = current.workOrder;
  const [booking, offer] = await Promise.all([
    deps.booking.current(workOrder.id),
    readSmsOffer(deps.workOrders, workOrder.id),
  ]);
  const action = decideReply(reply, { status: workOrder.state.status, booking, offer, now: deps.now() });
  const text = await carryOut(handling, action, workOrder);
  if (text !== undefined) {
    await send(handling, text, current.customer.value.language, {
      workOrderId: workOrder.id,
      customerId: current.customer.value.id,
    });
  }
  return { outcome: 'replied', workOrderId: workOrder.id, action: action.kind };
}

/** Does what the reply asks and says what to text back; nothing when the journey will say it. */
async function carryOut(
  handling: Handling,
  action: ReplyAction,
  workOrder: WorkOrder,
): Promise<ReplyText | undefined> {
  const { deps } = handling;
  switch (action.kind) {
    case 'book':
      return book(handling, workOrder, action.slot.slotId);
    case 'offerAgain': {
      const offers = await offerFreeSlots(deps, workOrder);
      if (offers.length > 0) return { kind: 'choices', offers };
      await flag(handling, workOrder, 'noFreeSlots');
      return { kind: 'noSlots' };
    }
    case 'alreadyBooked':
      return { kind: 'alreadyBooked', window: action.booking };
    case 'confirm':
      await recordConfirmation(handling, workOrder, action.booking);
      return { kind: 'confirmed', window: action.booking };
    case 'sendLink': {
      const expiresAt = new Date(deps.now().getTime() + replyLinkValidityMs);
      return { kind: 'link', link: deps.links.linkFor(workOrder.id, action.purpose, expiresAt) };
    }
    case 'needsAttention':
      await flag(handling, workOrder, action.reason);
      return { kind: 'help' };
    case 'optOut':
    case 'optIn':
      throw new Error('opt-out and opt-in apply to every work order of the number, not one');
    default: {
      const unhandled: never = action;
      throw new Error(`unknown reply action ${JSON.stringify(unhandled)}`);
    }
  }
}

async function book(
  handling: Handling,
  workOrder: WorkOrder,
  slotId: string,
): Promise<ReplyText | undefined> {
  const { deps, log, raise } = handling;
  const outcome = await deps.booking.book(workOrder, slotId, 'sms');
  switch (outcome.kind) {
    case 'booked': {
      if (outcome.changed) {
        const { appointmentId, technicianId, windowStart, windowEnd } = outcome.booking;
        const raised = await raise(workOrder.id, 'appointmentBooked', {
          appointmentId,
          technicianId,
          windowStart,
          windowEnd,
          via: 'sms',
        });
        // The journey confirms a booking it heard of, with the change and cancel links: one
        // confirmation, not two. One that is not running has nothing to say, so the reply does.
        if (raised.ok) return undefined;
        log('warn', 'journey not told of SMS booking', { workOrderId: workOrder.id, reason: raised.error });
      }
      return { kind: 'booked', window: outcome.booking };
    }
    case 'alreadyBooked':
      return { kind: 'alreadyBooked', window: outcome.booking };
    case 'unavailable': {
      const offers = await offerFreeSlots(deps, workOrder);
      if (offers.length > 0) return { kind: 'slotGone', offers };
      await flag(handling, workOrder, 'noFreeSlots');
      return { kind: 'noSlots' };
    }
    case 'closed':
      // Cancelled while the reply was handled: the journey's cancellation message says so.
      log('info', 'SMS booking refused, work order cancelled', { workOrderId: workOrder.id });
      return undefined;
    default: {
      const unhandled: never = outcome;
      throw new Error(`unknown booking outcome ${JSON.stringify(unhandled)}`);
    }
  }
}

const eventFor = (
  workOrder: WorkOrder,
  fields: Pick<TimelineEvent, 'id' | 'type' | 'summary' | 'data'>,
  occurredAt: Date,
): TimelineEvent => ({
  ...fields,
  docType: 'event',
  subjectId: workOrder.id,
  subjectType: 'workOrder',
  occurredAt: occurredAt.toISOString(),
  actor: { kind: 'customer' },
  correlationId: workOrder.correlationId,
});

/** Once per appointment, however often the customer says yes. */
async function recordConfirmation(
  handling: Handling,
  workOrder: WorkOrder,
  booking: CurrentBooking,
): Promise<void> {
  const event = eventFor(
    workOrder,
    {
      id: `EV-confirmed-${booking.appointmentId}`,
      type: 'customer.appointmentConfirmed',
      summary: 'Customer confirmed the appointment by SMS',
      data: { appointmentId: booking.appointmentId, via: 'sms' },
    },
    handling.deps.now(),
  );
  await createItem(handling.deps.timeline, event);
}

/**
 * Flags the work order for a dispatcher. The customer's words may hold personal data, so they are
 * kept beside the timeline in their own `smsText` document (like self-service details), and the
 * event only points at it.
 */
async function flag(
  handling: Handling,
  workOrder: WorkOrder,
  reason: AttentionReason | 'noFreeSlots',
): Promise<void> {
  const { deps, sms, key } = handling;
  const now = deps.now();
  const textId = `SX-${key}`;
  await createItem(deps.timeline, {
    id: textId,
    docType: 'smsText',
    subjectId: workOrder.id,
    text: sms.text,
    receivedAt: sms.receivedAt ?? now.toISOString(),
  });
  const event = eventFor(
    workOrder,
    {
      id: `EV-${key}`,
      type: 'customer.smsNeedsAttention',
      summary: 'Customer SMS reply needs a dispatcher',
      data: { reason, smsTextId: textId },
    },
    now,
  );
  await createItem(deps.timeline, event);
  handling.log('info', 'SMS reply flagged for a dispatcher', { workOrderId: workOrder.id, reason });
}

/** Opt-out belongs to the person: every customer document with this number changes, then each open journey hears it. */
async function setOptOut(
  handling: Handling,
  records: readonly SenderRecord[],
  optedOut: boolean,
): Promise<void> {
  const { deps, raise, log } = handling;
  for (const record of records) {
    let customer = record.customer;
    while (customer.value.smsOptedOut !== optedOut) {
      const changed = { ...customer.value, smsOptedOut: optedOut, updatedAt: deps.now().toISOString() };
      if ((await replaceItemAt(deps.customers, changed, changed.id, customer.etag)) === 'replaced') break;
      const reread = await readCustomer(deps.customers, changed.id);
      if (reread === undefined) break;
      customer = reread;
    }
    const workOrder = record.workOrder;
    if (workOrder === undefined || isTerminalWorkOrderStatus(workOrder.state.status)) continue;
    const raised = await raise(workOrder.id, 'smsPreferenceChanged', { optedOut });
    if (!raised.ok)
      log('warn', 'journey not told of SMS preference', { workOrderId: workOrder.id, reason: raised.error });
  }
}

/**
 * Texts the reply and, when it concerns a work order, puts it in that work order's communication
 * log beside the journey's messages (agents read one log), without the text itself.
 */
async function send(
  handling: Handling,
  text: ReplyText,
  language: Language,
  subject: { readonly workOrderId: string; readonly customerId: string } | undefined,
): Promise<void> {
  const { deps, sms, key, log } = handling;
  if (deps.replies === undefined) return;
  const sent = await deps.replies.send({
    channel: 'sms',
    to: sms.from,
    text: replyText(text, language, deps.timeZone),
    reference: key,
  });
  if (sent.ok) {
    if (subject === undefined) return;
    const at = deps.now().toISOString();
    const entry: Notification = {
      id: `NT-${key}`,
      docType: 'notification',
      subjectId: subject.workOrderId,
      customerId: subject.customerId,
      channel: 'sms',
      purpose: 'smsReply',
      template: `smsReplies.${text.kind}`,
      language,
      status: 'sent',
      providerMessageId: sent.value.providerMessageId,
      createdAt: at,
      updatedAt: at,
    };
    await deps.timeline.items.upsert(entry);
    return;
  }
  // Nothing went out: failing lets Event Grid deliver the SMS again, and every step above repeats harmlessly.
  if (sent.error.kind === 'unavailable') throw new Error(`SMS reply not sent: ${sent.error.reason}`);
  log('warn', 'SMS reply refused', {
    reply: text.kind,
    reason: maskPersonalText(sent.error.reason).slice(0, 200),
  });
}
