import { createHash } from 'node:crypto';
import { err, ok, type Result } from '../result';
import type { Appointment } from '../scheduling/appointment';
import { buildSlot } from '../scheduling/buildSlot';
import { bookableDays, offerSlots, type OfferRules, type SlotOffer } from '../scheduling/offerSlots';
import { minutesNeeded, releaseSlot, reserveSlot, type SlotRequest } from '../scheduling/reserveSlot';
import { parseSlotId, type Slot, type SlotWindow } from '../scheduling/slot';
import type { WorkOrder } from '../workorders/workOrder';
import type { BookingStore } from './bookingPorts';
import { currentBookingId, type CurrentBooking } from './currentBooking';
import { revalidateBooking } from './revalidateBooking';

export interface BookingRules {
  readonly leadTimeHours: number;
  readonly horizonDays: number;
  readonly timeZone: string;
}

export interface BookingDependencies {
  readonly store: BookingStore;
  readonly now: () => Date;
  readonly rules: BookingRules;
}

export type Via = CurrentBooking['via'];

export type BookingOutcome =
  | {
      readonly kind: 'booked';
      readonly booking: CurrentBooking;
      /** The appointment it replaced, for a reschedule. */
      readonly previous?: CurrentBooking | undefined;
      /** False when the customer picked the slot they already had (a resubmitted form). */
      readonly changed: boolean;
    }
  /** The slot is gone (someone else took the last place): here are the ones still free. */
  | { readonly kind: 'unavailable'; readonly offers: readonly SlotOffer[] }
  /** The work order already has an upcoming appointment; change it with a reschedule. */
  | { readonly kind: 'alreadyBooked'; readonly booking: CurrentBooking };

/**
 * Each lost ETag race means another booking of the same window went through, so a loser retries
 * at most about as often as there are concurrent bookers; the bound only stops a runaway.
 */
const maxSlotAttempts = 200;

/** Longer than any booking takes from taking a place to pointing the work order at it. */
const abandonedHoldMs = 10 * 60_000;

const requestFor = (workOrder: WorkOrder): SlotRequest => ({
  workOrderId: workOrder.id,
  requiredSkills: workOrder.requiredSkills,
  minutes: minutesNeeded(workOrder.estimatedDurationMinutes),
  site: { latitude: workOrder.site.latitude, longitude: workOrder.site.longitude },
});

const offerRules = (workOrder: WorkOrder, rules: BookingRules): OfferRules => ({
  ...rules,
  dueDate: workOrder.dueDate,
});

const appointmentIdFor = (workOrderId: string, slotId: string): string =>
  `AP-${createHash('sha256').update(`${workOrderId}\n${slotId}`).digest('hex').slice(0, 24)}`;

const isUpcoming = (booking: CurrentBooking, now: Date): boolean =>
  booking.status === 'booked' && Date.parse(booking.windowEnd) > now.getTime();

export function bookingService(deps: BookingDependencies) {
  const { store } = deps;

  async function availability(workOrder: WorkOrder): Promise<SlotOffer[]> {
    const now = deps.now();
    const rules = offerRules(workOrder, deps.rules);
    const days = bookableDays(now, rules);
    const first = days[0];
    const last = days.at(-1);
    if (first === undefined || last === undefined) return [];
    const region = workOrder.site.region;
    const [technicians, stored] = await Promise.all([
      store.techniciansIn(region),
      store.slotsBetween(region, first, last),
    ]);
    return offerSlots(stored, technicians, region, requestFor(workOrder), now, rules);
  }

  /** A slot outside the lead time, the due date or the horizon is never offered, so never taken. */
  function withinRules(workOrder: WorkOrder, localDate: string, window: SlotWindow): boolean {
    const now = deps.now();
    if (!bookableDays(now, offerRules(workOrder, deps.rules)).includes(localDate)) return false;
    const start = Date.parse(
      buildSlot([], workOrder.site.region, localDate, window, deps.rules.timeZone).windowStart,
    );
    return start >= now.getTime() + deps.rules.leadTimeHours * 3_600_000;
  }

  /** Takes a place in the slot, creating the slot on first use; ETag retries until taken or full. */
  async function take(
    workOrder: WorkOrder,
    slotId: string,
  ): Promise<
    Result<
      { readonly technicianId: string; readonly windowStart: string; readonly windowEnd: string },
      'full'
    >
  > {
    const parsed = parseSlotId(slotId);
    if (parsed === undefined || parsed.region !== workOrder.site.region) return err('full');
    if (!withinRules(workOrder, parsed.localDate, parsed.window)) return err('full');
    for (let attempt = 0; attempt < maxSlotAttempts; attempt++) {
      const stored = await store.getSlot(slotId, parsed.region);
      if (stored === undefined) {
        const technicians = await store.techniciansIn(parsed.region);
        await store.createSlot(
          buildSlot(technicians, parsed.region, parsed.localDate, parsed.window, deps.rules.timeZone),
        );
        continue;
      }
      const reserved = reserveSlot(stored.value, requestFor(workOrder), deps.now().toISOString());
      if (!reserved.ok) {
        if (await reclaimAbandoned(stored.value, stored.etag)) continue;
        return reserved;
      }
      const { windowStart, windowEnd } = stored.value;
      if (reserved.value.alreadyHeld)
        return ok({ technicianId: reserved.value.technicianId, windowStart, windowEnd });
      if ((await store.replaceSlot(reserved.value.slot, stored.etag)) === 'replaced') {
        return ok({ technicianId: reserved.value.technicianId, windowStart, windowEnd });
      }
    }
    throw new Error(`slot ${slotId} stayed contended; try again`);
  }

  /**
   * A place is taken before the work order's booking points at it, so a crash in between leaves a
   * hold nobody owns. When a window looks full, holds older than a few minutes whose work order
   * books elsewhere (or nowhere) are given back; true when any was, so the caller tries again.
   */
  async function reclaimAbandoned(slot: Slot, etag: string): Promise<boolean> {
    const cutoff = deps.now().getTime() - abandonedHoldMs;
    const candidates = slot.bookings.filter((booking) => Date.parse(booking.bookedAt) < cutoff);
    const owners = await Promise.all(
      candidates.map((booking) => store.getCurrentBooking(booking.workOrderId)),
    );
    const abandoned = candidates.filter((_, index) => {
      const owner = owners[index]?.value;
      return owner === undefined || owner.status !== 'booked' || owner.slotId !== slot.id;
    });
    if (abandoned.length === 0) return false;
    const freed = abandoned.reduce((current, booking) => releaseSlot(current, booking.workOrderId), slot);
    await store.replaceSlot(freed, etag);
    return true;
  }

  async function release(workOrderId: string, slotId: string): Promise<void> {
    const parsed = parseSlotId(slotId);
    if (parsed === undefined) return;
    for (let attempt = 0; attempt < maxSlotAttempts; attempt++) {
      const stored = await store.getSlot(slotId, parsed.region);
      if (stored === undefined || !stored.value.bookings.some((b) => b.workOrderId === workOrderId)) return;
      if ((await store.replaceSlot(releaseSlot(stored.value, workOrderId), stored.etag)) === 'replaced')
        return;
    }
    throw new Error(`slot ${slotId} stayed contended while releasing; try again`);
  }

  function appointmentOf(
    booking: CurrentBooking,
    status: Appointment['status'],
    now: string,
    localDate: string,
  ): Appointment {
    return {
      id: booking.appointmentId,
      technicianId: booking.technicianId,
      workOrderId: booking.workOrderId,
      region: booking.region,
      windowStart: booking.windowStart,
      windowEnd: booking.windowEnd,
      localDate,
      status,
      bookedVia: booking.via,
      createdAt: now,
      updatedAt: now,
    };
  }

  /**
   * Books a slot, or moves the upcoming appointment to it. The place is taken first and the
   * appointment written, then the work order's booking switches over (ETag); only then is the old
   * place released, so a failure anywhere leaves the customer with an appointment, never without.
   */
  async function bookOrMove(
    workOrder: WorkOrder,
    slotId: string,
    via: Via,
    move: boolean,
  ): Promise<BookingOutcome> {
    const now = deps.now();
    const current = await store.getCurrentBooking(workOrder.id);
    const upcoming = current !== undefined && isUpcoming(current.value, now) ? current.value : undefined;
    if (upcoming?.slotId === slotId) return { kind: 'booked', booking: upcoming, changed: false };
    if (upcoming !== undefined && !move) return { kind: 'alreadyBooked', booking: upcoming };

    const taken = await take(workOrder, slotId);
    if (!taken.ok) return { kind: 'unavailable', offers: await availability(workOrder) };
    const parsed = parseSlotId(slotId);
    const booking: CurrentBooking = {
      id: currentBookingId(workOrder.id),
      docType: 'currentBooking',
      workOrderId: workOrder.id,
      status: 'booked',
      slotId,
      region: workOrder.site.region,
      appointmentId: appointmentIdFor(workOrder.id, slotId),
      technicianId: taken.value.technicianId,
      windowStart: taken.value.windowStart,
      windowEnd: taken.value.windowEnd,
      via,
      updatedAt: now.toISOString(),
    };
    await store.putAppointment(appointmentOf(booking, 'booked', now.toISOString(), parsed?.localDate ?? ''));
    const switched =
      current === undefined
        ? await store.createCurrentBooking(booking)
        : await store.replaceCurrentBooking(booking, current.etag);
    if (switched !== 'created' && switched !== 'replaced') {
      // Someone changed this work order's booking at the same moment: theirs stands.
      await release(workOrder.id, slotId);
      await store.putAppointment(
        appointmentOf(booking, 'cancelled', now.toISOString(), parsed?.localDate ?? ''),
      );
      const winner = await store.getCurrentBooking(workOrder.id);
      if (winner === undefined) throw new Error('booking vanished during a concurrent change; try again');
      return { kind: 'alreadyBooked', booking: winner.value };
    }
    if (upcoming !== undefined) await retire(upcoming, now);
    return { kind: 'booked', booking, previous: upcoming, changed: true };
  }

  async function retire(booking: CurrentBooking, now: Date): Promise<void> {
    await release(booking.workOrderId, booking.slotId);
    const localDate = parseSlotId(booking.slotId)?.localDate ?? '';
    await store.putAppointment(appointmentOf(booking, 'cancelled', now.toISOString(), localDate));
  }

  /** Gives the appointment up (the work order is cancelled); nothing to do when there is none. */
  async function cancel(workOrderId: string): Promise<CurrentBooking | undefined> {
    const now = deps.now();
    const current = await store.getCurrentBooking(workOrderId);
    if (current === undefined || current.value.status === 'cancelled') return undefined;
    const cancelled: CurrentBooking = { ...current.value, status: 'cancelled', updatedAt: now.toISOString() };
    if ((await store.replaceCurrentBooking(cancelled, current.etag)) === 'conflict')
      return cancel(workOrderId);
    await retire(current.value, now);
    return cancelled;
  }

  return {
    availability,
    book: (workOrder: WorkOrder, slotId: string, via: Via) => bookOrMove(workOrder, slotId, via, false),
    reschedule: (workOrder: WorkOrder, slotId: string, via: Via) => bookOrMove(workOrder, slotId, via, true),
    cancel,
    /** After an amendment: does the upcoming appointment still hold (`revalidateBooking`)? */
    revalidate: (workOrder: WorkOrder) =>
      revalidateBooking(workOrder, { store, now: deps.now, release: cancel }),
    current: async (workOrderId: string) => (await store.getCurrentBooking(workOrderId))?.value,
  };
}

export type BookingService = ReturnType<typeof bookingService>;
