import type { Database } from '@azure/cosmos';
import { CurrentBooking, currentBookingId } from '../../../shared/booking/currentBooking';
import { minutesNeeded } from '../../../shared/scheduling/reserveSlot';
import { parseSlotId, Slot } from '../../../shared/scheduling/slot';
import { WorkOrder } from '../../../shared/workorders/workOrder';

/** What the journey publishes for ops (`GET /api/ops/journeys/{id}`), as far as this check reads it. */
export interface JourneyView {
  readonly stage: string;
  readonly appointment?: { readonly appointmentId: string; readonly technicianId: string } | undefined;
}

const bookedStates = ['Scheduled', 'Dispatched'];
const bookedStages = ['scheduled', 'technicianEnRoute'];

/**
 * Reads every store a booking lives in and lists where they disagree: the work order's state, its
 * current booking, the places in slot documents, the technicians' appointments and the journey's
 * stage. Empty when they tell one story: either one upcoming appointment everywhere (same id,
 * technician, window and minutes) or none anywhere.
 */
export async function storesDisagree(
  cosmos: Database,
  workOrderId: string,
  journey: JourneyView | undefined,
  slotIds: readonly string[],
  now: Date,
): Promise<string[]> {
  const problems: string[] = [];
  const workOrder = WorkOrder.parse(
    (await cosmos.container('workOrders').item(workOrderId, workOrderId).read()).resource,
  );
  const bookingId = currentBookingId(workOrderId);
  const rawBooking = (await cosmos.container('workOrders').item(bookingId, bookingId).read()).resource;
  const booking = rawBooking === undefined ? undefined : CurrentBooking.parse(rawBooking);
  const live =
    booking !== undefined && booking.status === 'booked' && Date.parse(booking.windowEnd) > now.getTime()
      ? booking
      : undefined;
  const { resources: appointments } = await cosmos
    .container('appointments')
    .items.query<{ id: string; technicianId: string; status: string; windowStart: string }>({
      query: "SELECT * FROM c WHERE c.workOrderId = @id AND c.status = 'booked'",
      parameters: [{ name: '@id', value: workOrderId }],
    })
    .fetchAll();
  const places: { slotId: string; technicianId: string; minutes: number }[] = [];
  for (const slotId of new Set([...slotIds, ...(booking ? [booking.slotId] : [])])) {
    const region = parseSlotId(slotId)?.region ?? '';
    const raw = (await cosmos.container('capacity').item(slotId, region).read()).resource;
    if (raw === undefined) continue;
    for (const place of Slot.parse(raw).bookings.filter((b) => b.workOrderId === workOrderId))
      places.push({ slotId, technicianId: place.technicianId, minutes: place.minutes });
  }
  const state = workOrder.state;
  if (live === undefined) {
    if (bookedStates.includes(state.status)) problems.push(`work order is ${state.status} without a booking`);
    if (places.length > 0) problems.push(`slot places held: ${JSON.stringify(places)}`);
    if (appointments.length > 0) problems.push(`appointments still booked: ${appointments.map((a) => a.id)}`);
    if (journey !== undefined && bookedStages.includes(journey.stage))
      problems.push(`journey is ${journey.stage} without a booking`);
    return problems;
  }
  if (!bookedStates.includes(state.status)) problems.push(`booked, but the work order is ${state.status}`);
  if ('appointmentId' in state && state.appointmentId !== live.appointmentId)
    problems.push(`work order points at ${state.appointmentId}, booking at ${live.appointmentId}`);
  if (state.status === 'Dispatched' && state.technicianId !== live.technicianId)
    problems.push(`work order dispatched to ${state.technicianId}, booking with ${live.technicianId}`);
  const expected = {
    slotId: live.slotId,
    technicianId: live.technicianId,
    minutes: minutesNeeded(workOrder.estimatedDurationMinutes),
  };
  if (JSON.stringify(places) !== JSON.stringify([expected]))
    problems.push(`slot places ${JSON.stringify(places)}, expected ${JSON.stringify([expected])}`);
  const expectedAppointment = `${live.appointmentId}@${live.technicianId}@${live.windowStart}`;
  const actual = appointments.map((a) => `${a.id}@${a.technicianId}@${a.windowStart}`);
  if (JSON.stringify(actual) !== JSON.stringify([expectedAppointment]))
    problems.push(`appointments ${JSON.stringify(actual)}, expected [${expectedAppointment}]`);
  if (journey === undefined || !bookedStages.includes(journey.stage))
    problems.push(`booked, but the journey is ${journey?.stage ?? 'not running'}`);
  else if (
    journey.appointment?.appointmentId !== live.appointmentId ||
    journey.appointment.technicianId !== live.technicianId
  )
    problems.push(
      `journey expects ${JSON.stringify(journey.appointment)}, booking is ${live.appointmentId}/${live.technicianId}`,
    );
  return problems;
}
