import type { Appointment } from '../scheduling/appointment';
import { ok, type Result } from '../result';
import {
  minutesNeeded,
  releaseSlot,
  reserveSlot,
  type Reservation,
  type SlotRequest,
} from '../scheduling/reserveSlot';
import { parseSlotId, type Slot } from '../scheduling/slot';
import type { WorkOrder } from '../workorders/workOrder';
import type { BookingStore } from './bookingPorts';
import type { BookingReleaseReason } from './bookingReleaseReason';
import type { CurrentBooking } from './currentBooking';

export type BookingCheck =
  /** No upcoming appointment: nothing to revalidate. */
  | { readonly kind: 'none' }
  /** The appointment still holds; its place may have grown, or gone to another technician. */
  | { readonly kind: 'kept'; readonly booking: CurrentBooking; readonly technicianChanged: boolean }
  | { readonly kind: 'released'; readonly reason: BookingReleaseReason; readonly previous: CurrentBooking };

export interface RevalidationDependencies {
  readonly store: BookingStore;
  readonly now: () => Date;
  /** Gives the appointment up: the booking service's cancel (booking, slot place, appointment). */
  readonly release: (workOrderId: string) => Promise<unknown>;
}

const maxSlotAttempts = 50;

const appointmentOf = (booking: CurrentBooking, status: Appointment['status'], now: string): Appointment => ({
  id: booking.appointmentId,
  technicianId: booking.technicianId,
  workOrderId: booking.workOrderId,
  region: booking.region,
  windowStart: booking.windowStart,
  windowEnd: booking.windowEnd,
  localDate: parseSlotId(booking.slotId)?.localDate ?? booking.windowStart.slice(0, 10),
  status,
  bookedVia: booking.via,
  createdAt: now,
  updatedAt: now,
});

/** The same technician first when they still can (the customer may know who is coming). */
function reserveAgain(
  freed: Slot,
  request: SlotRequest,
  preferred: string | undefined,
  bookedAt: string,
): Result<Reservation, 'full'> {
  if (preferred !== undefined) {
    const technicians = freed.technicians.filter((t) => t.technicianId === preferred);
    const same = reserveSlot({ ...freed, technicians }, request, bookedAt);
    if (same.ok) return ok({ ...same.value, slot: { ...same.value.slot, technicians: freed.technicians } });
  }
  return reserveSlot(freed, request, bookedAt);
}

/**
 * After an amendment, checks the work order's upcoming appointment against the rules a new booking
 * must meet: the slot's region, the due date, a technician in the window with every required skill
 * and room for the (perhaps longer) visit. The place is taken again in the same slot document with
 * the same ETag discipline as a booking, so capacity counts stay exact: a longer visit takes more
 * minutes, from the same technician when they have room, else from another one in the window.
 * Lead time and horizon are not applied: they govern choosing a time, not keeping one.
 * Repeatable: a redelivered amendment finds the slot already adjusted and only brings the booking
 * and appointments in line.
 */
export async function revalidateBooking(
  workOrder: WorkOrder,
  deps: RevalidationDependencies,
): Promise<BookingCheck> {
  const { store } = deps;
  const now = deps.now();
  const current = await store.getCurrentBooking(workOrder.id);
  const booking = current?.value;
  if (booking === undefined || booking.status !== 'booked' || Date.parse(booking.windowEnd) <= now.getTime())
    return { kind: 'none' };
  const parsed = parseSlotId(booking.slotId);
  const release = async (reason: BookingReleaseReason): Promise<BookingCheck> => {
    await deps.release(workOrder.id);
    return { kind: 'released', reason, previous: booking };
  };
  if (parsed === undefined || parsed.region !== workOrder.site.region) return release('regionChanged');
  if (parsed.localDate > workOrder.dueDate) return release('dueDateBeforeAppointment');

  const request: SlotRequest = {
    workOrderId: workOrder.id,
    requiredSkills: workOrder.requiredSkills,
    minutes: minutesNeeded(workOrder.estimatedDurationMinutes),
    site: { latitude: workOrder.site.latitude, longitude: workOrder.site.longitude },
  };
  let technicianId: string | undefined;
  for (let attempt = 0; attempt < maxSlotAttempts && technicianId === undefined; attempt++) {
    const stored = await store.getSlot(booking.slotId, parsed.region);
    if (stored === undefined) throw new Error(`slot ${booking.slotId} of a booking is missing`);
    const held = stored.value.bookings.find((place) => place.workOrderId === workOrder.id);
    const holder = stored.value.technicians.find((t) => t.technicianId === held?.technicianId);
    const stillFits =
      held !== undefined &&
      holder !== undefined &&
      held.minutes === request.minutes &&
      request.requiredSkills.every((skill) => holder.skills.includes(skill));
    if (stillFits) {
      technicianId = held.technicianId;
      break;
    }
    const reserved = reserveAgain(
      releaseSlot(stored.value, workOrder.id),
      request,
      held?.technicianId,
      held?.bookedAt ?? now.toISOString(),
    );
    if (!reserved.ok) {
      const skilled = stored.value.technicians.some((t) =>
        request.requiredSkills.every((skill) => t.skills.includes(skill)),
      );
      return release(skilled ? 'noRoomForLongerVisit' : 'skillsUnavailable');
    }
    if ((await store.replaceSlot(reserved.value.slot, stored.etag)) === 'replaced')
      technicianId = reserved.value.technicianId;
  }
  if (technicianId === undefined) throw new Error(`slot ${booking.slotId} stayed contended; try again`);
  if (technicianId === booking.technicianId) return { kind: 'kept', booking, technicianChanged: false };

  const at = now.toISOString();
  const moved: CurrentBooking = { ...booking, technicianId, updatedAt: at };
  await store.putAppointment(appointmentOf(moved, 'booked', at));
  if (current === undefined || (await store.replaceCurrentBooking(moved, current.etag)) === 'conflict')
    throw new Error(`booking of ${workOrder.id} changed while it was revalidated; try again`);
  await store.putAppointment(appointmentOf(booking, 'cancelled', at));
  return { kind: 'kept', booking: moved, technicianChanged: true };
}
