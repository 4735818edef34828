import type { BookingCheck } from '../../../shared/booking/revalidateBooking';
import type { Versioned } from '../../../shared/common/versioned';
import type { OutboundServiceBusMessage } from '../../../shared/contracts/outbound/serviceBusMessage';
import type { UtilityOutbox } from '../../../shared/contracts/outbound/utilityOutbox';
import type { Customer } from '../../../shared/customers/customer';
import type { CancelTombstone } from '../../../shared/intake/cancelTombstone';
import type { IntakeDependencies } from '../../../shared/intake/processInbound';
import type { IntakeStore, JourneyGateway } from '../../../shared/intake/intakePorts';
import type { TimelineEvent } from '../../../shared/timeline/timelineEvent';
import type { WorkOrder } from '../../../shared/workorders/workOrder';

/** Thrown by an armed step, to stand for a crash of the function host at that point. */
export class InjectedCrash extends Error {}

export type Step =
  | 'writeCustomer'
  | 'createWorkOrder'
  | 'replaceWorkOrder'
  | 'addTimelineEvent'
  | 'startJourney'
  | 'cancelJourney'
  | 'publish';

/**
 * Intake's ports in memory, for the decision rules. The outbox drops a repeated messageId within
 * the run, as the real queue's duplicate detection does.
 */
export class MemoryIntake implements IntakeStore, JourneyGateway, UtilityOutbox {
  workOrders = new Map<string, Versioned<WorkOrder>>();
  customers = new Map<string, Customer>();
  /** The customers' ETags; a test that sets a customer directly leaves its ETag as it was. */
  readonly #customerEtags = new Map<string, string>();
  events = new Map<string, TimelineEvent>();
  tombstones = new Map<string, CancelTombstone>();
  contactIndex = new Map<string, Set<string>>();
  nameIndex = new Map<string, Set<string>>();
  released: string[] = [];
  revalidated: string[] = [];
  /** What revalidating a booking answers; no booking by default. */
  bookingCheck: BookingCheck = { kind: 'none' };
  amendments: Array<{ workOrderId: string; revision: number; booking: BookingCheck }> = [];
  journeys = new Map<string, { correlationId: string; cancelled: number }>();
  sent: OutboundServiceBusMessage[] = [];
  #etag = 0;
  #crashAt: Step | undefined;
  /** Runs before a replace, so a test can change the work order under intake. */
  beforeReplace: (() => void) | undefined;

  crashOnce(step: Step): void {
    this.#crashAt = step;
  }

  #step(step: Step): void {
    if (this.#crashAt === step) {
      this.#crashAt = undefined;
      throw new InjectedCrash(`crash at ${step}`);
    }
  }

  put(workOrder: WorkOrder): void {
    this.workOrders.set(workOrder.id, { value: workOrder, etag: `e${++this.#etag}` });
  }

  deps(time: Date | (() => Date) = new Date('2026-03-02T09:00:05Z')): IntakeDependencies {
    const now = typeof time === 'function' ? time : () => time;
    return {
      store: this,
      journeys: this,
      outbox: this,
      appointments: {
        release: async (workOrderId) => void this.released.push(workOrderId),
        revalidate: async (workOrder) => {
          this.revalidated.push(workOrder.id);
          return this.bookingCheck;
        },
      },
      now,
    };
  }

  async getWorkOrder(id: string) {
    return this.workOrders.get(id);
  }
  async createWorkOrder(workOrder: WorkOrder) {
    this.#step('createWorkOrder');
    if (this.workOrders.has(workOrder.id)) return 'exists' as const;
    this.put(workOrder);
    return 'created' as const;
  }
  async replaceWorkOrder(workOrder: WorkOrder, etag: string) {
    this.#step('replaceWorkOrder');
    this.beforeReplace?.();
    if (this.workOrders.get(workOrder.id)?.etag !== etag) return 'conflict' as const;
    this.put(workOrder);
    return 'replaced' as const;
  }
  async getCustomer(id: string) {
    const customer = this.customers.get(id);
    return customer === undefined
      ? undefined
      : { value: customer, etag: this.#customerEtags.get(id) ?? 'e0' };
  }
  async writeCustomer(customer: Customer, etag?: string) {
    this.#step('writeCustomer');
    const stored = this.customers.has(customer.id)
      ? (this.#customerEtags.get(customer.id) ?? 'e0')
      : undefined;
    if (stored !== etag) return 'conflict' as const;
    this.customers.set(customer.id, customer);
    this.#customerEtags.set(customer.id, `e${++this.#etag}`);
    return 'written' as const;
  }
  async indexContact(channel: string, value: string, customerId: string) {
    const key = `${channel}:${value}`;
    const ids = this.contactIndex.get(key) ?? new Set<string>();
    ids.add(customerId);
    this.contactIndex.set(key, ids);
  }
  async retireContact(channel: string, value: string, customerId: string) {
    this.contactIndex.get(`${channel}:${value}`)?.delete(customerId);
  }
  async indexNameToken(token: string, customerId: string) {
    this.nameIndex.set(token, new Set([...(this.nameIndex.get(token) ?? []), customerId]));
  }
  async retireNameToken(token: string, customerId: string) {
    this.nameIndex.get(token)?.delete(customerId);
  }
  async addTimelineEvent(event: TimelineEvent) {
    this.#step('addTimelineEvent');
    if (!this.events.has(event.id)) this.events.set(event.id, event);
  }
  async getCancelTombstone(workOrderId: string) {
    return this.tombstones.get(workOrderId);
  }
  async putCancelTombstone(tombstone: CancelTombstone) {
    this.tombstones.set(tombstone.workOrderId, tombstone);
  }
  async start(workOrderId: string, correlationId: string) {
    this.#step('startJourney');
    if (this.journeys.has(workOrderId)) return 'alreadyStarted' as const;
    this.journeys.set(workOrderId, { correlationId, cancelled: 0 });
    return 'started' as const;
  }
  async cancel(workOrderId: string) {
    this.#step('cancelJourney');
    const journey = this.journeys.get(workOrderId);
    if (journey === undefined) return 'notRunning' as const;
    journey.cancelled++;
    return 'raised' as const;
  }
  async amended(workOrderId: string, revision: number, booking: BookingCheck) {
    if (!this.journeys.has(workOrderId)) return 'notRunning' as const;
    this.amendments.push({ workOrderId, revision, booking });
    return 'raised' as const;
  }
  async publish(message: OutboundServiceBusMessage) {
    this.#step('publish');
    if (!this.sent.some((sent) => sent.messageId === message.messageId)) this.sent.push(message);
  }

  kinds(): string[] {
    return this.sent.map((message) => message.body.kind);
  }
}
