import type { Versioned } from '../common/versioned';
import type { Appointment } from '../scheduling/appointment';
import type { Slot } from '../scheduling/slot';
import type { Technician } from '../technicians/technician';
import type { WorkOrder } from '../workorders/workOrder';
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

/** What the day's routes answer about one visit in one slot. */
export type RouteAnswer =
  | { readonly kind: 'fits'; readonly technicianId: string }
  | { readonly kind: 'noFit' }
  /** No technician data for the day: booking falls back to the slot's capacity alone. */
  | { readonly kind: 'noData' };

/**
 * The day's routes behind travel-aware booking (`shared/dispatch/bookingRoutes.ts`): a slot is
 * offered and taken only where the visit can join a technician's route. `technicianIds` are the
 * slot's technicians with the skills and capacity left, so the routes only choose among them.
 */
export interface BookingRoutes {
  /** For each slot (same order), whether the visit fits some route; `noData` where nothing is known. */
  fits(
    workOrder: WorkOrder,
    slots: readonly { readonly slot: Slot; readonly technicianIds: readonly string[] }[],
  ): Promise<readonly RouteAnswer[]>;
  /** Puts the appointment's visit into the day's routes (ETag); a retry finds it there already. */
  take(
    workOrder: WorkOrder,
    slot: Slot,
    appointmentId: string,
    technicianIds: readonly string[],
  ): Promise<RouteAnswer>;
  /** Takes the appointment's visit out of its day's routes; twice is harmless. */
  release(slotId: string, appointmentId: string): Promise<void>;
}
