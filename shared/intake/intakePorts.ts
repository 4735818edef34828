import type { Channel } from '../common/contact';
import type { Versioned } from '../common/versioned';
import type { BookingCheck } from '../booking/revalidateBooking';
import type { Customer } from '../customers/customer';
import type { TimelineEvent } from '../timeline/timelineEvent';
import type { WorkOrder } from '../workorders/workOrder';
import type { CancelTombstone } from './cancelTombstone';

/** Intake's storage (Cosmos DB behind it: `shared/adapters/cosmos/intakeStore.ts`). */
export interface IntakeStore {
  getWorkOrder(workOrderId: string): Promise<Versioned<WorkOrder> | undefined>;
  /** `exists` when a concurrent delivery created it first. */
  createWorkOrder(workOrder: WorkOrder): Promise<'created' | 'exists'>;
  /** `conflict` when it changed since `etag`. */
  replaceWorkOrder(workOrder: WorkOrder, etag: string): Promise<'replaced' | 'conflict'>;
  getCustomer(customerId: string): Promise<Versioned<Customer> | undefined>;
  /**
   * Creates the customer (no `etag`) or replaces it at `etag`; `conflict` when one was created
   * first or it changed since (another revision, or a STOP/START reply).
   */
  writeCustomer(customer: Customer, etag?: string): Promise<'written' | 'conflict'>;
  /**
   * Makes the customer findable by a contact point: by phone for SMS replies (they carry nothing
   * else), by both for the agents' customer 360. Repeatable. `newToCustomer` (the customer did not
   * have it before) only says which round trip is likely to do: creating the entry before reading it.
   */
  indexContact(
    channel: Channel,
    value: string,
    customerId: string,
    at: string,
    options?: { readonly newToCustomer?: boolean },
  ): Promise<void>;
  /** Takes the customer off a contact point's index entry (an amend changed it). Repeatable. */
  retireContact(channel: Channel, value: string, customerId: string, at: string): Promise<void>;
  /** Makes the customer findable by one word of their name (`nameTokens`), for agents. Repeatable. */
  indexNameToken(token: string, customerId: string, at: string): Promise<void>;
  /** Takes the customer off a name word an amend took away. Repeatable. */
  retireNameToken(token: string, customerId: string, at: string): Promise<void>;
  /** Creates the event; an existing one with the same id is left as it is. */
  addTimelineEvent(event: TimelineEvent): Promise<void>;
  getCancelTombstone(workOrderId: string): Promise<CancelTombstone | undefined>;
  putCancelTombstone(tombstone: CancelTombstone): Promise<void>;
}

/** The customer journeys, as intake drives them (Durable Functions behind it). */
export interface JourneyGateway {
  /** Starting a work order's journey twice starts it once. */
  start(workOrderId: string, correlationId: string): Promise<'started' | 'alreadyStarted'>;
  /** Tells a live journey the utility cancelled; `notRunning` when there is none to tell. */
  cancel(workOrderId: string, reason: string | undefined): Promise<'raised' | 'notRunning'>;
  /**
   * Tells a live journey of an amendment and what it did to the booking, so it re-reads the work
   * order and customer and follows the new work type; `notRunning` when there is none to tell.
   */
  amended(workOrderId: string, revision: number, booking: BookingCheck): Promise<'raised' | 'notRunning'>;
}

/** The work order's booked appointment, which a utility cancel gives back and an amendment rechecks. */
export interface AppointmentReleaser {
  /** Releases the slot and cancels the appointment; nothing to do when there is none. Repeatable. */
  release(workOrderId: string): Promise<void>;
  /** Checks the upcoming appointment against the amended work order (`revalidateBooking`). Repeatable. */
  revalidate(workOrder: WorkOrder): Promise<BookingCheck>;
}
