import { z } from 'zod';
import { RegionCode } from '../common/geo';
import { EntityId } from '../common/identifiers';
import { IsoInstant } from '../common/time';

/**
 * The work order's appointment as the customer sees it, one document per work order in the
 * `workOrders` container (its own logical partition, `BK-<work order id>`). It is the single point
 * every booking change for a work order goes through (ETag), so a double click or two open tabs
 * cannot book two slots, and any link, however old, finds the current appointment with one read.
 */
export const CurrentBooking = z.object({
  id: z.string().min(1),
  docType: z.literal('currentBooking'),
  workOrderId: EntityId,
  status: z.enum(['booked', 'cancelled']),
  slotId: z.string().min(1),
  region: RegionCode,
  /** New for every booking and every move, so each is its own occurrence (place, appointment, messages). */
  appointmentId: EntityId,
  technicianId: EntityId,
  windowStart: IsoInstant,
  windowEnd: IsoInstant,
  via: z.enum(['web', 'sms', 'agent']),
  updatedAt: IsoInstant,
});
export type CurrentBooking = z.infer<typeof CurrentBooking>;

/**
 * The same document once the work order is cancelled: it is written even when nothing was booked,
 * so a booking and a cancel racing each other meet on one ETag and whichever commits second sees
 * the other. A booking never replaces it. `last` is the appointment given up, kept so a cancel
 * interrupted after this write can finish releasing it when retried.
 */
export const ClosedBooking = z.object({
  id: z.string().min(1),
  docType: z.literal('currentBooking'),
  workOrderId: EntityId,
  status: z.literal('closed'),
  updatedAt: IsoInstant,
  last: CurrentBooking.optional(),
});
export type ClosedBooking = z.infer<typeof ClosedBooking>;

export const BookingRecord = z.union([CurrentBooking, ClosedBooking]);
export type BookingRecord = z.infer<typeof BookingRecord>;

export const currentBookingId = (workOrderId: string): string => `BK-${workOrderId}`;
