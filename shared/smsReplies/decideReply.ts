import type { CurrentBooking } from '../booking/currentBooking';
import type { WorkOrderStatus } from '../workorders/workOrderState';
import type { SmsReply } from './interpretReply';
import type { OfferedSlot, SmsOffer } from './smsOffer';

/** Why a reply goes to a dispatcher instead of being acted on; stored on the timeline, so no text. */
export type AttentionReason = 'unrecognised' | 'noAppointment' | 'visitUnderway';

export type ReplyAction =
  | { readonly kind: 'book'; readonly slot: OfferedSlot }
  /** A digit that matches nothing we offered (or the offer is gone): send the free slots again. */
  | { readonly kind: 'offerAgain' }
  | { readonly kind: 'alreadyBooked'; readonly booking: CurrentBooking }
  | { readonly kind: 'confirm'; readonly booking: CurrentBooking }
  | { readonly kind: 'sendLink'; readonly purpose: 'book' | 'reschedule' }
  | { readonly kind: 'optOut' }
  | { readonly kind: 'optIn' }
  | { readonly kind: 'needsAttention'; readonly reason: AttentionReason };

export interface ReplyContext {
  readonly status: WorkOrderStatus;
  /** The work order's booking document, whatever its state. */
  readonly booking: CurrentBooking | undefined;
  /** The slots listed in the last SMS, if any. */
  readonly offer: SmsOffer | undefined;
  readonly now: Date;
}

/**
 * Until the technician sets off the customer may still pick or move a time; after that (or once the
 * work order is over) a change needs a person, so those replies go to a dispatcher.
 */
const customerMayChoose: Readonly<Record<WorkOrderStatus, boolean>> = {
  Received: true,
  AwaitingCustomer: true,
  OnHold: true,
  Scheduled: true,
  Dispatched: true,
  EnRoute: false,
  OnSite: false,
  Completed: false,
  Incomplete: false,
  Cancelled: false,
  Closed: false,
};

const upcomingOf = (context: ReplyContext): CurrentBooking | undefined =>
  context.booking?.status === 'booked' && Date.parse(context.booking.windowEnd) > context.now.getTime()
    ? context.booking
    : undefined;

/** What to do about one reply, from the work order's state and what we last offered. Pure. */
export function decideReply(reply: SmsReply, context: ReplyContext): ReplyAction {
  const upcoming = upcomingOf(context);
  const mayChoose = customerMayChoose[context.status];
  switch (reply.kind) {
    case 'stop':
      return { kind: 'optOut' };
    case 'start':
      return { kind: 'optIn' };
    case 'yes':
      return upcoming === undefined
        ? { kind: 'needsAttention', reason: 'noAppointment' }
        : { kind: 'confirm', booking: upcoming };
    case 'reschedule':
      if (!mayChoose) return { kind: 'needsAttention', reason: 'visitUnderway' };
      return { kind: 'sendLink', purpose: upcoming === undefined ? 'book' : 'reschedule' };
    case 'choice': {
      if (!mayChoose) return { kind: 'needsAttention', reason: 'visitUnderway' };
      if (upcoming !== undefined) return { kind: 'alreadyBooked', booking: upcoming };
      const slot = context.offer?.offers[reply.number - 1];
      return slot === undefined ? { kind: 'offerAgain' } : { kind: 'book', slot };
    }
    case 'other':
      return { kind: 'needsAttention', reason: 'unrecognised' };
    default: {
      const unhandled: never = reply;
      throw new Error(`unknown reply ${JSON.stringify(unhandled)}`);
    }
  }
}
