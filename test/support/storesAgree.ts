import type { Database } from '@azure/cosmos';
import { BookingRecord, currentBookingId } from '../../shared/booking/currentBooking';
import { Appointment } from '../../shared/scheduling/appointment';
import { Slot } from '../../shared/scheduling/slot';
import { StoredPlan } from '../../shared/dispatch/storedPlan';
import type { JourneyStatus } from '../../shared/journey/journeyStatus';
import { WorkOrder } from '../../shared/workorders/workOrder';

export interface StoresAgreeOptions {
  /** The journey's custom status, when the test runs one: its stage and appointment are checked too. */
  readonly journey?: JourneyStatus | undefined;
  /** False for a booking service run without the day's routes (capacity only): no plan is expected. */
  readonly plans?: boolean;
}

const readDoc = async (db: Database, container: string, id: string, key: string): Promise<unknown> => {
  try {
    return (await db.container(container).item(id, key).read()).resource;
  } catch (error) {
    if ((error as { code?: unknown }).code === 404) return undefined;
    throw error;
  }
};

const query = async (db: Database, container: string, text: string, id: string): Promise<unknown[]> =>
  (
    await db
      .container(container)
      .items.query({ query: text, parameters: [{ name: '@id', value: id }] })
      .fetchAll()
  ).resources;

const closedStatuses = new Set(['Cancelled', 'Closed']);

/**
 * Whether every store tells the same story about one work order: the work order itself, its
 * booking, the places it holds in slots, the technician's appointments and (given) the journey's
 * stage. Returns each disagreement in words; an empty list means they agree. Used after races and
 * changes in flight, where a store left behind is the bug to catch.
 */
export async function storesAgree(
  db: Database,
  workOrderId: string,
  options: StoresAgreeOptions = {},
): Promise<string[]> {
  const problems: string[] = [];
  const workOrder = WorkOrder.parse(await readDoc(db, 'workOrders', workOrderId, workOrderId));
  const bookingId = currentBookingId(workOrderId);
  const rawBooking = await readDoc(db, 'workOrders', bookingId, bookingId);
  const record = rawBooking === undefined ? undefined : BookingRecord.parse(rawBooking);
  const booking = record?.status === 'booked' ? record : undefined;

  const appointments = (
    await query(db, 'appointments', 'SELECT * FROM c WHERE c.workOrderId = @id', workOrderId)
  ).map((doc) => Appointment.parse(doc));
  const live = appointments.filter((appointment) => appointment.status === 'booked');
  const slots = (
    await query(
      db,
      'capacity',
      "SELECT * FROM c WHERE c.docType = 'slot' AND c.region = @id",
      workOrder.site.region,
    )
  ).map((doc) => Slot.parse(doc));
  const holds = slots.flatMap((slot) =>
    slot.bookings.filter((hold) => hold.workOrderId === workOrderId).map((hold) => ({ slot, hold })),
  );

  const state = workOrder.state;
  if (closedStatuses.has(state.status) && booking !== undefined)
    problems.push(`work order is ${state.status} but its booking ${booking.appointmentId} is live`);
  if (state.status === 'Cancelled' && record?.status !== 'closed')
    problems.push(`work order is Cancelled but its booking record is ${record?.status ?? 'missing'}`);
  if ('appointmentId' in state && !closedStatuses.has(state.status)) {
    if (booking === undefined)
      problems.push(`work order is ${state.status} with ${state.appointmentId} but has no live booking`);
    else if (booking.appointmentId !== state.appointmentId)
      problems.push(`work order names ${state.appointmentId}, its booking ${booking.appointmentId}`);
  }

  if (booking === undefined) {
    for (const appointment of live)
      problems.push(`appointment ${appointment.id} is live although nothing is booked`);
    for (const { slot } of holds) problems.push(`slot ${slot.id} holds a place although nothing is booked`);
  } else {
    const expected = live.filter((appointment) => appointment.id === booking.appointmentId);
    if (expected.length !== 1)
      problems.push(`booking ${booking.appointmentId} has ${expected.length} live appointments`);
    for (const appointment of live.filter((a) => a.id !== booking.appointmentId))
      problems.push(`appointment ${appointment.id} is live beside the booking's ${booking.appointmentId}`);
    for (const appointment of expected) {
      if (appointment.technicianId !== booking.technicianId)
        problems.push(
          `appointment is with ${appointment.technicianId}, booking with ${booking.technicianId}`,
        );
      if (appointment.windowStart !== booking.windowStart || appointment.windowEnd !== booking.windowEnd)
        problems.push(`appointment window differs from the booking's`);
    }
    const own = holds.filter(({ slot }) => slot.id === booking.slotId);
    if (own.length !== 1) problems.push(`slot ${booking.slotId} holds ${own.length} places for the booking`);
    for (const { hold } of own) {
      if (hold.appointmentId !== undefined && hold.appointmentId !== booking.appointmentId)
        problems.push(
          `slot ${booking.slotId} holds ${hold.appointmentId}, the booking is ${booking.appointmentId}`,
        );
      if (hold.technicianId !== booking.technicianId)
        problems.push(`slot place is with ${hold.technicianId}, booking with ${booking.technicianId}`);
    }
    for (const { slot } of holds.filter(({ slot }) => slot.id !== booking.slotId))
      problems.push(`slot ${slot.id} still holds a place beside the booked ${booking.slotId}`);
  }

  for (const slot of slots) {
    for (const technician of slot.technicians) {
      const used = slot.bookings
        .filter((hold) => hold.technicianId === technician.technicianId)
        .reduce((sum, hold) => sum + hold.minutes, 0);
      if (used > technician.capacityMinutes)
        problems.push(
          `slot ${slot.id} books ${technician.technicianId} for ${used} of ${technician.capacityMinutes} min`,
        );
    }
  }

  // The day plans hold exactly the booked visit (travel-aware booking inserts and removes it), in the
  // route of the booked technician or listed unplaced with a reason; nothing for an unbooked order.
  const plans = (
    await query(
      db,
      'plans',
      "SELECT * FROM c WHERE c.docType = 'dayPlan' AND c.region = @id",
      workOrder.site.region,
    )
  ).map((doc) => StoredPlan.parse(doc));
  const planned = plans.flatMap((plan) =>
    plan.visits.filter((visit) => visit.workOrderId === workOrderId).map((visit) => ({ plan, visit })),
  );
  if (booking === undefined) {
    for (const { plan, visit } of planned)
      problems.push(`plan ${plan.id} holds visit ${visit.id} although nothing is booked`);
  } else if (options.plans !== false) {
    const own = planned.filter(({ visit }) => visit.id === booking.appointmentId);
    if (own.length !== 1)
      problems.push(`plans hold ${own.length} visits for booking ${booking.appointmentId}`);
    for (const { plan, visit } of planned.filter(({ visit }) => visit.id !== booking.appointmentId))
      problems.push(`plan ${plan.id} holds visit ${visit.id} beside the booked ${booking.appointmentId}`);
    for (const { plan } of own) {
      const route = plan.plan.routes.find((r) =>
        r.stops.some((stop) => stop.visitId === booking.appointmentId),
      );
      const unplaced = plan.plan.unplaced.some((u) => u.visitId === booking.appointmentId);
      if (route === undefined && !unplaced)
        problems.push(`plan ${plan.id} neither routes nor lists ${booking.appointmentId}`);
      if (route !== undefined && route.technicianId !== booking.technicianId)
        problems.push(
          `plan routes ${booking.appointmentId} with ${route.technicianId}, booking with ${booking.technicianId}`,
        );
    }
  }

  const journey = options.journey;
  if (journey !== undefined) {
    if ((journey.stage === 'cancelled') !== (state.status === 'Cancelled'))
      problems.push(`journey is ${journey.stage}, work order ${state.status}`);
    if (journey.stage === 'scheduled' || journey.stage === 'technicianEnRoute') {
      if (booking === undefined) problems.push(`journey is ${journey.stage} but nothing is booked`);
      else if (journey.appointment?.appointmentId !== booking.appointmentId)
        problems.push(
          `journey confirms ${journey.appointment?.appointmentId}, booking is ${booking.appointmentId}`,
        );
    }
  }
  return problems;
}
