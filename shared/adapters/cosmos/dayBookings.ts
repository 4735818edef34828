import { BookingRecord, currentBookingId } from '../../booking/currentBooking';
import type { BookedVisit } from '../../dispatch/regionDayInput';
import { Appointment } from '../../scheduling/appointment';
import { Technician } from '../../technicians/technician';
import { WorkOrder } from '../../workorders/workOrder';
import type { CosmosStore } from '../clients/cosmos';
import { readItem } from './items';

/** A work order in one of these has no visit left to plan. */
const planless = new Set(['Completed', 'Incomplete', 'Cancelled', 'Closed', 'OnHold', 'AwaitingCustomer']);

/**
 * The visits booked on one local day of a region: the day's live appointments (one cross-partition
 * query on `appointments`, the region and day in WHERE), each kept only while it is still its work
 * order's current booking and the work order still needs the visit.
 */
export async function bookedVisitsOn(
  store: CosmosStore,
  region: string,
  date: string,
): Promise<BookedVisit[]> {
  const { resources } = await store
    .container('appointments')
    .items.query({
      query: "SELECT * FROM c WHERE c.region = @region AND c.localDate = @date AND c.status = 'booked'",
      parameters: [
        { name: '@region', value: region },
        { name: '@date', value: date },
      ],
    })
    .fetchAll();
  const appointments = resources.map((resource) => Appointment.parse(resource));
  const workOrders = store.container('workOrders');
  const visits = await Promise.all(
    appointments.map(async (appointment): Promise<BookedVisit | undefined> => {
      const bookingId = currentBookingId(appointment.workOrderId);
      const [order, booking] = await Promise.all([
        readItem(workOrders, appointment.workOrderId, appointment.workOrderId),
        readItem(workOrders, bookingId, bookingId),
      ]);
      if (order === undefined || booking === undefined) return undefined;
      const record = BookingRecord.parse(booking.resource);
      if (record.status !== 'booked' || record.appointmentId !== appointment.id) return undefined;
      const workOrder = WorkOrder.parse(order.resource);
      if (planless.has(workOrder.state.status)) return undefined;
      return {
        workOrder,
        appointmentId: appointment.id,
        windowStart: record.windowStart,
        windowEnd: record.windowEnd,
      };
    }),
  );
  const seen = new Set<string>();
  return visits
    .filter((visit): visit is BookedVisit => visit !== undefined)
    .filter((visit) => !seen.has(visit.appointmentId) && seen.add(visit.appointmentId) !== undefined)
    .sort((a, b) => a.appointmentId.localeCompare(b.appointmentId));
}

/**
 * Regions with at least one active technician. Whole documents, not a projection: the embedded
 * emulator answers `SELECT *` the way Cosmos DB does, and the technicians container is small.
 */
export async function technicianRegions(store: CosmosStore): Promise<string[]> {
  const { resources } = await store
    .container('technicians')
    .items.query('SELECT * FROM c WHERE c.active = true')
    .fetchAll();
  return [...new Set(resources.map((resource) => Technician.parse(resource).region))].sort();
}
