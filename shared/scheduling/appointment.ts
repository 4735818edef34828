import { z } from 'zod';
import { RegionCode } from '../common/geo';
import { EntityId } from '../common/identifiers';
import { IsoDate, IsoInstant } from '../common/time';

/**
 * A booked visit window in the `appointments` container, partitioned by `/technicianId` so a
 * technician's day is one single-partition query (`technicianId` + `localDate`). Moving a visit
 * to another technician is a new document; the old one is marked cancelled.
 */
export const Appointment = z
  .object({
    id: EntityId,
    technicianId: EntityId,
    workOrderId: EntityId,
    region: RegionCode,
    windowStart: IsoInstant,
    windowEnd: IsoInstant,
    /** The day of windowStart in the technician's time zone: "today's schedule" filters on it. */
    localDate: IsoDate,
    status: z.enum(['booked', 'cancelled']),
    bookedVia: z.enum(['web', 'sms', 'agent']),
    createdAt: IsoInstant,
    updatedAt: IsoInstant,
  })
  .refine((appointment) => Date.parse(appointment.windowStart) < Date.parse(appointment.windowEnd), {
    message: 'must end after it starts',
    path: ['windowEnd'],
  });
export type Appointment = z.infer<typeof Appointment>;
