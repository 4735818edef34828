import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from '../result';
import type { Appointment } from '../scheduling/appointment';
import { buildSlot } from '../scheduling/buildSlot';
import { bookableDays, offerSlots, type OfferRules, type SlotOffer } from '../scheduling/offerSlots';
import {
  minutesNeeded,
  releaseSlot,
  reserveSlot,
  techniciansWithRoom,
  type SlotRequest,
} from '../scheduling/reserveSlot';
import { parseSlotId, type Slot, type SlotWindow } from '../scheduling/slot';
import type { WorkOrder } from '../workorders/workOrder';
import type { BookingRoutes, BookingStore } from './bookingPorts';
import { currentBookingId, type BookingRecord, type CurrentBooking } from './currentBooking';
import type { Versioned } from '../common/versioned';
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
  /**
   * The day's routes (travel-aware booking). Without them a slot is offered on capacity alone, as
   * before routes existed; unit tests of the capacity rules and apps without dispatch run that way.
   */
  readonly routes?: BookingRoutes;
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
  | { readonly kind: 'alreadyBooked'; readonly booking: CurrentBooking }
  /** The work order was cancelled (perhaps a moment ago, while this request ran): nothing is booked. */
  | { readonly kind: 'closed' };

/**
 * Each lost ETag race means another booking of the same window went through, so a loser retries
 * at most about as often as there are concurrent bookers; the bound only stops a runaway.
 */
const maxSlotAttempts = 200;

/** About 4 s of waiting, in growing steps, for a customer's concurrent request to settle. */
const otherAttemptPolls = 20;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

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

/**
 * Every booking and every move is a new appointment, even back to a slot held before: its place,
 * its appointment document and its messages are then its own, and nothing a concurrent or an
 * earlier attempt does to theirs can touch it.
 */
const newAppointmentId = (): string => `AP-${randomUUID().replaceAll('-', '').slice(0, 24)}`;

const isUpcoming = (booking: BookingRecord, now: Date): booking is CurrentBooking =>
  booking.status === 'booked' && Date.parse(booking.windowEnd) > now.getTime();

const bookingOf = (record: BookingRecord | undefined): CurrentBooking | undefined =>
  record === undefined || record.status === 'closed' ? undefined : record;

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
    const offers = offerSlots(stored, technicians, region, requestFor(workOrder), now, rules);
    if (deps.routes === undefined || offers.length === 0) return offers;
    const byId = new Map(stored.map((slot) => [slot.id, slot]));
    const slots = offers.map((offer) => {
      const parsed = parseSlotId(offer.slotId)!;
      const slot =
        byId.get(offer.slotId) ??
        buildSlot(technicians, region, offer.localDate, parsed.window, deps.rules.timeZone);
      const technicianIds = techniciansWithRoom(slot, requestFor(workOrder)).map((t) => t.technicianId);
      return { slot, technicianIds };
    });
    const answers = await deps.routes.fits(workOrder, slots);
    return offers.filter((_, k) => answers[k]?.kind !== 'noFit');
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
    appointmentId: string,
  ): Promise<
    Result<
      { readonly technicianId: string; readonly windowStart: string; readonly windowEnd: string },
      'full' | 'heldByOtherAttempt'
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
      const routed = await routeFor(workOrder, stored.value, appointmentId);
      if (routed.kind === 'noFit') return err('full');
      const reserved = reserveSlot(
        stored.value,
        { ...requestFor(workOrder), technicianId: routed.kind === 'fits' ? routed.technicianId : undefined },
        deps.now().toISOString(),
        appointmentId,
      );
      if (!reserved.ok && routed.kind === 'fits') {
        // The routes chose a technician whose room in the slot went meanwhile: choose again.
        await deps.routes?.release(slotId, appointmentId);
        if (techniciansWithRoom(stored.value, requestFor(workOrder)).length > 0) continue;
      }
      if (!reserved.ok) {
        if (await reclaimAbandoned(stored.value, stored.etag)) continue;
        const otherAttempt = stored.value.bookings.some(
          (hold) => hold.workOrderId === workOrder.id && hold.appointmentId !== appointmentId,
        );
        return err(otherAttempt ? 'heldByOtherAttempt' : 'full');
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
   * The visit's place in the day's routes, taken before its place in the slot (the plan's ETag guards
   * the routes as the slot's guards capacity), among the slot's technicians with room. A place this
   * attempt already holds (a retry) is found again. A retried attempt that already holds its slot
   * place keeps the technician of that place.
   */
  async function routeFor(
    workOrder: WorkOrder,
    slot: Slot,
    appointmentId: string,
  ): Promise<
    { readonly kind: 'fits'; readonly technicianId: string } | { readonly kind: 'noFit' | 'noData' }
  > {
    if (deps.routes === undefined) return { kind: 'noData' };
    const held = slot.bookings.find((hold) => hold.appointmentId === appointmentId);
    const candidates =
      held === undefined
        ? techniciansWithRoom(slot, requestFor(workOrder)).map((t) => t.technicianId)
        : [held.technicianId];
    return deps.routes.take(workOrder, slot, appointmentId, candidates);
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
    const abandoned = candidates.filter((hold, index) => {
      const owner = owners[index]?.value;
      if (owner === undefined || owner.status !== 'booked') return true;
      return hold.appointmentId === undefined
        ? owner.slotId !== slot.id
        : owner.appointmentId !== hold.appointmentId;
    });
    if (abandoned.length === 0) return false;
    const freed = abandoned.reduce(
      (current, hold) => releaseSlot(current, hold.workOrderId, hold.appointmentId),
      slot,
    );
    if ((await store.replaceSlot(freed, etag)) === 'replaced') {
      for (const hold of abandoned)
        if (hold.appointmentId !== undefined) await deps.routes?.release(slot.id, hold.appointmentId);
    }
    return true;
  }

  /** Gives back the place of one appointment only: whatever else the work order holds is not this call's. */
  async function release(workOrderId: string, slotId: string, appointmentId: string): Promise<void> {
    const parsed = parseSlotId(slotId);
    if (parsed === undefined) return;
    for (let attempt = 0; attempt < maxSlotAttempts; attempt++) {
      const stored = await store.getSlot(slotId, parsed.region);
      if (stored === undefined) return;
      const freed = releaseSlot(stored.value, workOrderId, appointmentId);
      if (freed.bookings.length === stored.value.bookings.length) return;
      if ((await store.replaceSlot(freed, stored.etag)) === 'replaced') return;
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
   * A request that loses the switch to a concurrent one (a double click, two tabs, a cancel) gives
   * back only the place and appointment it made itself, and answers with what the winner left.
   */
  async function bookOrMove(
    workOrder: WorkOrder,
    slotId: string,
    via: Via,
    move: boolean,
  ): Promise<BookingOutcome> {
    const now = deps.now();
    const current = await store.getCurrentBooking(workOrder.id);
    if (current?.value.status === 'closed') return { kind: 'closed' };
    const upcoming = current !== undefined && isUpcoming(current.value, now) ? current.value : undefined;
    if (upcoming?.slotId === slotId) return { kind: 'booked', booking: upcoming, changed: false };
    if (upcoming !== undefined && !move) return { kind: 'alreadyBooked', booking: upcoming };

    const appointmentId = newAppointmentId();
    const taken = await take(workOrder, slotId, appointmentId).catch(async (error: unknown) => {
      await deps.routes?.release(slotId, appointmentId);
      throw error;
    });
    if (!taken.ok) {
      // A place in the routes taken on the way (a slot write lost to the last place) goes back too.
      await deps.routes?.release(slotId, appointmentId);
      const settled =
        taken.error === 'heldByOtherAttempt'
          ? await otherAttemptSettled(workOrder.id, slotId)
          : await settledOutcome(workOrder.id, slotId);
      return settled ?? { kind: 'unavailable', offers: await availability(workOrder) };
    }
    const parsed = parseSlotId(slotId);
    const booking: CurrentBooking = {
      id: currentBookingId(workOrder.id),
      docType: 'currentBooking',
      workOrderId: workOrder.id,
      status: 'booked',
      slotId,
      region: workOrder.site.region,
      appointmentId,
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
      await retire(booking, now);
      const settled = await settledOutcome(workOrder.id, slotId);
      if (settled !== undefined) return settled;
      const winner = bookingOf((await store.getCurrentBooking(workOrder.id))?.value);
      if (winner === undefined) throw new Error('booking vanished during a concurrent change; try again');
      return { kind: 'alreadyBooked', booking: winner };
    }
    if (upcoming !== undefined) await retire(upcoming, now);
    return { kind: 'booked', booking, previous: upcoming, changed: true };
  }

  /**
   * After losing a race: closed when a cancel won, booked (unchanged) when the winner took the
   * very slot this request wanted, so the customer sees one booking and the journey one event.
   */
  async function settledOutcome(workOrderId: string, slotId: string): Promise<BookingOutcome | undefined> {
    const now = await store.getCurrentBooking(workOrderId);
    if (now?.value.status === 'closed') return { kind: 'closed' };
    if (now !== undefined && isUpcoming(now.value, deps.now()) && now.value.slotId === slotId)
      return { kind: 'booked', booking: now.value, changed: false };
    return undefined;
  }

  /**
   * The window is full because another request of this same customer holds its last place (a
   * double click): its outcome is this one's too, so wait until it has switched the booking over
   * or given the place back.
   */
  async function otherAttemptSettled(
    workOrderId: string,
    slotId: string,
  ): Promise<BookingOutcome | undefined> {
    const region = parseSlotId(slotId)?.region ?? '';
    for (let wait = 1; wait <= otherAttemptPolls; wait++) {
      const settled = await settledOutcome(workOrderId, slotId);
      if (settled !== undefined) return settled;
      const slot = await store.getSlot(slotId, region);
      if (!slot?.value.bookings.some((hold) => hold.workOrderId === workOrderId)) return undefined;
      await pause(wait * 20);
    }
    return undefined;
  }

  async function retire(booking: CurrentBooking, now: Date): Promise<void> {
    await release(booking.workOrderId, booking.slotId, booking.appointmentId);
    await deps.routes?.release(booking.slotId, booking.appointmentId);
    const localDate = parseSlotId(booking.slotId)?.localDate ?? '';
    await store.putAppointment(appointmentOf(booking, 'cancelled', now.toISOString(), localDate));
  }

  /**
   * The work order is cancelled: its booking closes for good, written even when nothing was booked,
   * so a booking racing this cancel either commits first and is released here, or finds the closed
   * record and gives its place back. Returns the appointment given up, if there was one; a retry
   * finishes releasing it.
   */
  async function cancel(workOrderId: string): Promise<CurrentBooking | undefined> {
    const now = deps.now();
    for (let attempt = 0; attempt < maxSlotAttempts; attempt++) {
      const current: Versioned<BookingRecord> | undefined = await store.getCurrentBooking(workOrderId);
      if (current?.value.status === 'closed') {
        if (current.value.last !== undefined) await retire(current.value.last, now);
        return undefined;
      }
      const last = current !== undefined && current.value.status === 'booked' ? current.value : undefined;
      const closed: BookingRecord = {
        id: currentBookingId(workOrderId),
        docType: 'currentBooking',
        workOrderId,
        status: 'closed',
        updatedAt: now.toISOString(),
        ...(last === undefined ? {} : { last }),
      };
      const written =
        current === undefined
          ? await store.createCurrentBooking(closed)
          : await store.replaceCurrentBooking(closed, current.etag);
      if (written === 'exists' || written === 'conflict') continue;
      if (last === undefined) return undefined;
      await retire(last, now);
      return { ...last, status: 'cancelled', updatedAt: now.toISOString() };
    }
    throw new Error(`booking of ${workOrderId} stayed contended while cancelling; try again`);
  }

  /**
   * The appointment is given up but the work goes on (the customer cancels the visit, a no-show, an
   * amendment the booking no longer fits): the record becomes `cancelled`, which a new booking
   * replaces, never `closed`, which only a cancel of the work order writes. Returns what was given up.
   */
  async function releaseAppointment(workOrderId: string): Promise<CurrentBooking | undefined> {
    const now = deps.now();
    for (let attempt = 0; attempt < maxSlotAttempts; attempt++) {
      const current: Versioned<BookingRecord> | undefined = await store.getCurrentBooking(workOrderId);
      if (current === undefined || current.value.status !== 'booked') return undefined;
      const released: CurrentBooking = {
        ...current.value,
        status: 'cancelled',
        updatedAt: now.toISOString(),
      };
      if ((await store.replaceCurrentBooking(released, current.etag)) === 'conflict') continue;
      await retire(current.value, now);
      return released;
    }
    throw new Error(`booking of ${workOrderId} stayed contended while releasing it; try again`);
  }

  /**
   * The day's plan gives the appointment to another technician (nightly planning, a dispatcher's
   * move): the booking switches first (ETag, the truth the other records follow), then the slot
   * place and the appointment document, each keyed by the appointment so a retry repairs a crash in
   * between. Nothing happens when the appointment is no longer the work order's booking.
   */
  async function reassign(
    workOrderId: string,
    appointmentId: string,
    technicianId: string,
  ): Promise<'reassigned' | 'unchanged' | 'gone'> {
    const now = deps.now();
    for (let attempt = 0; attempt < maxSlotAttempts; attempt++) {
      const current = await store.getCurrentBooking(workOrderId);
      if (current?.value.status !== 'booked' || current.value.appointmentId !== appointmentId) return 'gone';
      const before = current.value;
      const moved: CurrentBooking = { ...before, technicianId, updatedAt: now.toISOString() };
      if (before.technicianId !== technicianId) {
        if ((await store.replaceCurrentBooking(moved, current.etag)) === 'conflict') continue;
      }
      const changed = await moveHold(before.slotId, appointmentId, technicianId);
      const localDate = parseSlotId(before.slotId)?.localDate ?? '';
      if (before.technicianId !== technicianId)
        await store.putAppointment(appointmentOf(before, 'cancelled', now.toISOString(), localDate));
      await store.putAppointment(appointmentOf(moved, 'booked', now.toISOString(), localDate));
      return before.technicianId !== technicianId || changed ? 'reassigned' : 'unchanged';
    }
    throw new Error(`booking of ${workOrderId} stayed contended while reassigning; try again`);
  }

  async function moveHold(slotId: string, appointmentId: string, technicianId: string): Promise<boolean> {
    const parsed = parseSlotId(slotId);
    if (parsed === undefined) return false;
    for (let attempt = 0; attempt < maxSlotAttempts; attempt++) {
      const stored = await store.getSlot(slotId, parsed.region);
      const hold = stored?.value.bookings.find((b) => b.appointmentId === appointmentId);
      if (stored === undefined || hold === undefined || hold.technicianId === technicianId) return false;
      const slot: Slot = {
        ...stored.value,
        bookings: stored.value.bookings.map((b) => (b === hold ? { ...b, technicianId } : b)),
      };
      if ((await store.replaceSlot(slot, stored.etag)) === 'replaced') return true;
    }
    throw new Error(`slot ${slotId} stayed contended while reassigning; try again`);
  }

  return {
    availability,
    reassign,
    book: (workOrder: WorkOrder, slotId: string, via: Via) => bookOrMove(workOrder, slotId, via, false),
    reschedule: (workOrder: WorkOrder, slotId: string, via: Via) => bookOrMove(workOrder, slotId, via, true),
    cancel,
    releaseAppointment,
    /** After an amendment: does the upcoming appointment still hold (`revalidateBooking`)? */
    revalidate: (workOrder: WorkOrder) =>
      revalidateBooking(workOrder, { store, now: deps.now, release: releaseAppointment }),
    current: async (workOrderId: string) => bookingOf((await store.getCurrentBooking(workOrderId))?.value),
  };
}

export type BookingService = ReturnType<typeof bookingService>;
