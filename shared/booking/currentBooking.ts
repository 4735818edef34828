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
  appointmentId: EntityId,
  technicianId: EntityId,
  windowStart: IsoInstant,
  windowEnd: IsoInstant,
  via: z.enum(['web', 'sms', 'agent']),
  updatedAt: IsoInstant,
});
export type CurrentBooking = z.infer<typeof CurrentBooking>;

export const currentBookingId = (workOrderId: string): string => `BK-${workOrderId}`;
