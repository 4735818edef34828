import type { Versioned } from '../common/versioned';
import type { Appointment } from '../scheduling/appointment';
import type { Slot } from '../scheduling/slot';
import type { Technician } from '../technicians/technician';
import type { BookingRecord } from './currentBooking';

/** Booking's storage (Cosmos DB behind it: `shared/adapters/cosmos/bookingStore.ts`). */
export interface BookingStore {
  techniciansIn(region: string): Promise<readonly Technician[]>;
  /** Stored slots of a region with `from <= localDate <= to`. */
  slotsBetween(region: string, from: string, to: string): Promise<readonly Slot[]>;
  getSlot(slotId: string, region: string): Promise<Versioned<Slot> | undefined>;
  createSlot(slot: Slot): Promise<'created' | 'exists'>;
  replaceSlot(slot: Slot, etag: string): Promise<'replaced' | 'conflict'>;
  getCurrentBooking(workOrderId: string): Promise<Versioned<BookingRecord> | undefined>;
  createCurrentBooking(booking: BookingRecord): Promise<'created' | 'exists'>;
  replaceCurrentBooking(booking: BookingRecord, etag: string): Promise<'replaced' | 'conflict'>;
  putAppointment(appointment: Appointment): Promise<void>;
}
