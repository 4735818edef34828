import type { GeoPoint } from '../common/geo';
import { err, ok, type Result } from '../result';
import type { Slot, SlotBooking, SlotTechnician } from './slot';

/** What a work order needs from a slot. */
export interface SlotRequest {
  readonly workOrderId: string;
  readonly requiredSkills: readonly string[];
  /** Visit plus travel allowance. */
  readonly minutes: number;
  readonly site: GeoPoint;
  /** The technician the day's routes chose (travel-aware booking); any with room when absent. */
  readonly technicianId?: string | undefined;
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
  return techniciansWithRoom(slot, request)
    .filter(
      (technician) => request.technicianId === undefined || technician.technicianId === request.technicianId,
    )
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

/** The slot's technicians with every required skill and room left for the request. */
export const techniciansWithRoom = (slot: Slot, request: SlotRequest): SlotTechnician[] =>
  slot.technicians
    .filter((technician) => request.requiredSkills.every((skill) => technician.skills.includes(skill)))
    .filter((technician) => remaining(slot, technician) >= request.minutes);

export interface Reservation {
  readonly slot: Slot;
  readonly technicianId: string;
  /** This attempt already held its place here (a retried write): nothing changed. */
  readonly alreadyHeld: boolean;
}

/** A place belongs to one booking attempt; places from before attempts were named belong to the work order. */
const heldBy = (booking: SlotBooking, workOrderId: string, appointmentId: string | undefined): boolean =>
  booking.appointmentId === undefined || appointmentId === undefined
    ? booking.workOrderId === workOrderId
    : booking.appointmentId === appointmentId;

/**
 * Takes a place for one booking attempt (`appointmentId`). Another attempt of the same work order
 * holding a place here (two tabs submitting at once) does not count: each attempt holds its own
 * until the work order's booking decides which one stands, and the other gives its place back.
 */
export function reserveSlot(
  slot: Slot,
  request: SlotRequest,
  bookedAt: string,
  appointmentId?: string,
): Result<Reservation, 'full'> {
  const held = slot.bookings.find((booking) => heldBy(booking, request.workOrderId, appointmentId));
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
          ...(appointmentId === undefined ? {} : { appointmentId }),
        },
      ],
    },
    technicianId: technician.technicianId,
    alreadyHeld: false,
  });
}

/** Gives back the place of one booking attempt (of the work order, without one); twice is harmless. */
export const releaseSlot = (slot: Slot, workOrderId: string, appointmentId?: string): Slot => ({
  ...slot,
  bookings: slot.bookings.filter((booking) => !heldBy(booking, workOrderId, appointmentId)),
});
