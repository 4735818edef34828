import { z } from 'zod';
import { EntityId } from '../common/identifiers';
import { IsoInstant } from '../common/time';
import type { SlotOffer } from '../scheduling/offerSlots';

/** A phone screen's worth: the customer picks by typing one digit. */
export const maxSmsOffers = 3;

export const OfferedSlot = z.object({
  slotId: z.string().min(1),
  windowStart: IsoInstant,
  windowEnd: IsoInstant,
});
export type OfferedSlot = z.infer<typeof OfferedSlot>;

/**
 * The slots listed in the last SMS we sent a work order's customer, in the `workOrders` container
 * in its own logical partition (`SO-<work order id>`). A digit reply means `offers[digit - 1]` of
 * this document; each new list replaces it, so a digit always refers to what the customer last saw.
 */
export const SmsOffer = z.object({
  id: z.string().min(1),
  docType: z.literal('smsOffer'),
  workOrderId: EntityId,
  offers: z.array(OfferedSlot).max(9),
  sentAt: IsoInstant,
});
export type SmsOffer = z.infer<typeof SmsOffer>;

export const smsOfferIdFor = (workOrderId: string): string => `SO-${workOrderId}`;

/** The first free windows (availability comes in time order), as stored in the offer. */
export const offeredSlotsFrom = (available: readonly SlotOffer[]): OfferedSlot[] =>
  available
    .slice(0, maxSmsOffers)
    .map(({ slotId, windowStart, windowEnd }) => ({ slotId, windowStart, windowEnd }));

export const smsOfferFor = (workOrderId: string, offers: readonly OfferedSlot[], sentAt: Date): SmsOffer => ({
  id: smsOfferIdFor(workOrderId),
  docType: 'smsOffer',
  workOrderId,
  offers: [...offers],
  sentAt: sentAt.toISOString(),
});
