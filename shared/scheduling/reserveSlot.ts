import type { GeoPoint } from '../common/geo';
import { err, ok, type Result } from '../result';
import type { Slot, SlotTechnician } from './slot';

/** What a work order needs from a slot. */
export interface SlotRequest {
  readonly workOrderId: string;
  readonly requiredSkills: readonly string[];
  /** Visit plus travel allowance. */
  readonly minutes: number;
  readonly site: GeoPoint;
}

/** Travel time between visits, added to each booking so a window is never planned back to back. */
export const travelAllowanceMinutes = 30;

export const minutesNeeded = (estimatedDurationMinutes: number): number =>
  estimatedDurationMinutes + travelAllowanceMinutes;

const remaining = (slot: Slot, technician: SlotTechnician): number =>
  technician.capacityMinutes -
  slot.bookings
    .filter((booking) => booking.technicianId === technician.technicianId)
    .reduce((sum, booking) => sum + booking.minutes, 0);

/** Great-circle distance in km; good enough to prefer the nearer technician. */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/**
 * Who would take the work in this slot: a technician with every required skill and room left,
 * the nearest to the site first, then the one with most room (spreads the load), then by id so
 * the choice is stable.
 */
export function technicianFor(slot: Slot, request: SlotRequest): SlotTechnician | undefined {
  return slot.technicians
    .filter((technician) => request.requiredSkills.every((skill) => technician.skills.includes(skill)))
    .filter((technician) => remaining(slot, technician) >= request.minutes)
    .map((technician) => ({
      technician,
      distance: distanceKm(technician.homeBase, request.site),
      room: remaining(slot, technician),
    }))
    .sort(
      (a, b) =>
        a.distance - b.distance ||
        b.room - a.room ||
        a.technician.technicianId.localeCompare(b.technician.technicianId),
    )[0]?.technician;
}

export interface Reservation {
  readonly slot: Slot;
  readonly technicianId: string;
  /** The work order already held a place here (a retried booking): nothing changed. */
  readonly alreadyHeld: boolean;
}

export function reserveSlot(slot: Slot, request: SlotRequest, bookedAt: string): Result<Reservation, 'full'> {
  const held = slot.bookings.find((booking) => booking.workOrderId === request.workOrderId);
  if (held !== undefined) return ok({ slot, technicianId: held.technicianId, alreadyHeld: true });
  const technician = technicianFor(slot, request);
  if (technician === undefined) return err('full');
  return ok({
    slot: {
      ...slot,
      bookings: [
        ...slot.bookings,
        {
          workOrderId: request.workOrderId,
          technicianId: technician.technicianId,
          minutes: request.minutes,
          bookedAt,
        },
      ],
    },
    technicianId: technician.technicianId,
    alreadyHeld: false,
  });
}

/** Gives a work order's place back; releasing twice is harmless. */
export const releaseSlot = (slot: Slot, workOrderId: string): Slot => ({
  ...slot,
  bookings: slot.bookings.filter((booking) => booking.workOrderId !== workOrderId),
});
