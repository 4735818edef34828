import { z } from 'zod';
import { GeoPoint, RegionCode } from '../common/geo';
import { EntityId, Skill } from '../common/identifiers';
import { IsoDate, IsoInstant, LocalTime, TimeZone } from '../common/time';

/** A bookable window of the day, in the region's time zone (e.g. 08:00–12:00). */
export const SlotWindow = z.object({ start: LocalTime, end: LocalTime });
export type SlotWindow = z.infer<typeof SlotWindow>;

/** Morning and afternoon, the windows field-service customers are used to being offered. */
export const defaultSlotWindows: readonly SlotWindow[] = [
  { start: '08:00', end: '12:00' },
  { start: '12:00', end: '16:00' },
];

export const SlotTechnician = z.object({
  technicianId: EntityId,
  skills: z.array(Skill),
  homeBase: GeoPoint,
  /** Working minutes this technician has inside the window (hours and absences applied). */
  capacityMinutes: z.int().min(0),
});
export type SlotTechnician = z.infer<typeof SlotTechnician>;

export const SlotBooking = z.object({
  workOrderId: EntityId,
  technicianId: EntityId,
  /** Visit plus travel allowance: what the booking takes from the technician's capacity. */
  minutes: z.int().positive(),
  bookedAt: IsoInstant,
  /**
   * The booking attempt that holds this place. Every attempt takes its own, so a request that
   * loses a race gives back only what it took, never the winner's place. Absent on older holds.
   */
  appointmentId: EntityId.optional(),
});
export type SlotBooking = z.infer<typeof SlotBooking>;

/**
 * One window on one day in one region, with who can work in it and what is booked, in the
 * `capacity` container (partition `/region`). All bookings of a window live in this one document,
 * so taking capacity is a single ETag-guarded replace: two customers racing for the last place
 * cannot both get it.
 */
export const Slot = z.object({
  id: z.string().min(1),
  docType: z.literal('slot'),
  region: RegionCode,
  localDate: IsoDate,
  timeZone: TimeZone,
  window: SlotWindow,
  windowStart: IsoInstant,
  windowEnd: IsoInstant,
  technicians: z.array(SlotTechnician),
  bookings: z.array(SlotBooking),
});
export type Slot = z.infer<typeof Slot>;

/** `SL~<region>~<date>~<HHMM>-<HHMM>`: readable, and enough to rebuild the slot from scratch. */
export const slotIdFor = (region: string, localDate: string, window: SlotWindow): string =>
  `SL~${region}~${localDate}~${window.start.replace(':', '')}-${window.end.replace(':', '')}`;

export function parseSlotId(
  id: string,
): { readonly region: string; readonly localDate: string; readonly window: SlotWindow } | undefined {
  const match = /^SL~([A-Z0-9][A-Z0-9-]{0,31})~(\d{4}-\d{2}-\d{2})~(\d{2})(\d{2})-(\d{2})(\d{2})$/.exec(id);
  if (match === null) return undefined;
  const [, region, localDate, sh, sm, eh, em] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const window = SlotWindow.safeParse({ start: `${sh}:${sm}`, end: `${eh}:${em}` });
  return window.success ? { region, localDate, window: window.data } : undefined;
}
