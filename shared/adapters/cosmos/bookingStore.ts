import type { BookingStore } from '../../booking/bookingPorts';
import { BookingRecord, currentBookingId } from '../../booking/currentBooking';
import { Slot } from '../../scheduling/slot';
import { Technician } from '../../technicians/technician';
import type { CosmosStore } from '../clients/cosmos';
import { createItem, readItem, replaceItemAt } from './items';

/**
 * Booking's records: slots in `capacity` (partition = region; every query names it in WHERE, as
 * the embedded emulator ignores the partition-key option), the current booking beside its work
 * order, appointments by technician. Capacity is taken by ETag-guarded replace of one slot document.
 */
export function cosmosBookingStore(store: CosmosStore): BookingStore {
  const capacity = store.container('capacity');
  const technicians = store.container('technicians');
  const workOrders = store.container('workOrders');
  const appointments = store.container('appointments');

  return {
    async techniciansIn(region) {
      const { resources } = await technicians.items
        .query({
          query: 'SELECT * FROM c WHERE c.region = @region AND c.active = true',
          parameters: [{ name: '@region', value: region }],
        })
        .fetchAll();
      return resources.map((resource) => Technician.parse(resource));
    },
    async slotsBetween(region, from, to) {
      const { resources } = await capacity.items
        .query({
          query:
            "SELECT * FROM c WHERE c.region = @region AND c.docType = 'slot' AND c.localDate >= @from AND c.localDate <= @to",
          parameters: [
            { name: '@region', value: region },
            { name: '@from', value: from },
            { name: '@to', value: to },
          ],
        })
        .fetchAll();
      return resources.map((resource) => Slot.parse(resource));
    },
    async getSlot(slotId, region) {
      const item = await readItem(capacity, slotId, region);
      return item === undefined ? undefined : { value: Slot.parse(item.resource), etag: item.etag };
    },
    createSlot: (slot) => createItem(capacity, slot),
    replaceSlot: (slot, etag) => replaceItemAt(capacity, slot, slot.region, etag),
    async getCurrentBooking(workOrderId) {
      const id = currentBookingId(workOrderId);
      const item = await readItem(workOrders, id, id);
      return item === undefined ? undefined : { value: BookingRecord.parse(item.resource), etag: item.etag };
    },
    createCurrentBooking: (booking) => createItem(workOrders, booking),
    replaceCurrentBooking: (booking, etag) => replaceItemAt(workOrders, booking, booking.id, etag),
    async putAppointment(appointment) {
      await appointments.items.upsert(appointment);
    },
  };
}
