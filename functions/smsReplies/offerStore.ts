import type { Container } from '@azure/cosmos';
import { readItem } from '../../shared/adapters/cosmos/items';
import type { BookingService } from '../../shared/booking/bookingService';
import type { Language } from '../../shared/common/contact';
import {
  offeredSlotsFrom,
  replyText,
  SmsOffer,
  smsOfferFor,
  smsOfferIdFor,
  type OfferedSlot,
  type SmsSlotOfferer,
} from '../../shared/smsReplies';
import { WorkOrder } from '../../shared/workorders/workOrder';

export async function readSmsOffer(
  workOrders: Container,
  workOrderId: string,
): Promise<SmsOffer | undefined> {
  const id = smsOfferIdFor(workOrderId);
  const found = await readItem(workOrders, id, id);
  const parsed = SmsOffer.safeParse(found?.resource);
  return parsed.success ? parsed.data : undefined;
}

/** Replaces the last offer: a digit always refers to the list the customer saw last. */
export async function saveSmsOffer(
  workOrders: Container,
  workOrderId: string,
  offers: readonly OfferedSlot[],
  sentAt: Date,
): Promise<void> {
  await workOrders.items.upsert(smsOfferFor(workOrderId, offers, sentAt));
}

/** The next free slots of a work order, remembered as the offer before the SMS listing them goes out. */
export async function offerFreeSlots(
  deps: { readonly workOrders: Container; readonly booking: BookingService; readonly now: () => Date },
  workOrder: WorkOrder,
): Promise<OfferedSlot[]> {
  const offers = offeredSlotsFrom(await deps.booking.availability(workOrder));
  if (offers.length > 0) await saveSmsOffer(deps.workOrders, workOrder.id, offers, deps.now());
  return offers;
}

/** The journey's invitation offerer, over the same stores the SMS reply function reads. */
export function smsSlotOfferer(deps: {
  readonly workOrders: Container;
  readonly booking: BookingService;
  readonly timeZone: string;
  readonly now: () => Date;
}): SmsSlotOfferer {
  return {
    async offerFor(workOrderId: string, language: Language) {
      const found = await readItem(deps.workOrders, workOrderId, workOrderId);
      if (found === undefined) return undefined;
      const offers = await offerFreeSlots(deps, WorkOrder.parse(found.resource));
      return offers.length === 0
        ? undefined
        : replyText({ kind: 'choices', offers }, language, deps.timeZone);
    },
  };
}
