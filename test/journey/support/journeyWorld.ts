import type { Channel } from '../../../shared/common/contact';
import type { OutboundMessage } from '../../../shared/contracts/outbound/messages';
import type { OutboundServiceBusMessage } from '../../../shared/contracts/outbound/serviceBusMessage';
import type { Customer } from '../../../shared/customers/customer';
import type { OutgoingMessage } from '../../../shared/journey/notifier';
import { err, ok } from '../../../shared/result';
import type { WorkOrder } from '../../../shared/workorders/workOrder';
import type { JourneyActivityDependencies } from '../../../orchestrations/journey';
import { aCustomer, aWorkOrder } from './fixtures';
import { MemoryRecords } from './memoryRecords';

export interface SentRecord {
  readonly at: string;
  readonly channel: Channel;
  readonly purpose: string;
  readonly notificationId: string;
  readonly text: string;
}

/**
 * The I/O the journey's real activities do, in memory: records, the notifier and the outbound
 * queue. A test app registers the real activities against it, so the orchestration tests check
 * what customers and the utility would receive, at which virtual time.
 */
export class JourneyWorld {
  readonly records = new MemoryRecords();
  readonly outgoing: Array<{ at: string; message: OutgoingMessage }> = [];
  readonly published: OutboundServiceBusMessage[] = [];
  /** Channels whose sends the provider refuses (e.g. an invalid number). */
  readonly refusing = new Set<Channel>();
  #providerIds = 0;
  /** The app-wide journey tuning; scenario tests install the production defaults (see `defaultTuning`). */
  tuning: JourneyActivityDependencies['tuning'] = {
    contactAttempts: 3,
    contactIntervalHours: 48,
    onHoldMaxDays: 14,
    quietHours: { start: '21:00', end: '08:00', timeZone: 'Europe/Brussels' },
  };

  constructor(private readonly now: () => Date) {}

  seed(workOrder: Partial<WorkOrder> = {}, customer: Partial<Customer> = {}): void {
    this.records.putWorkOrder(aWorkOrder(workOrder));
    const person = aCustomer(customer);
    this.records.customers.set(person.id, person);
  }

  /** Every message that reached the provider, with its purpose from the communication log. */
  sent(): SentRecord[] {
    return this.outgoing.map(({ at, message }) => ({
      at,
      channel: message.channel,
      purpose: this.records.notifications.get(message.reference)?.purpose ?? 'unknown',
      notificationId: message.reference,
      text: message.text,
    }));
  }

  utilityMessages(): OutboundMessage[] {
    return this.published.map((message) => message.body);
  }

  dependencies(): JourneyActivityDependencies {
    return {
      records: this.records,
      notifier: {
        send: async (message) => {
          if (this.refusing.has(message.channel))
            return err({ kind: 'rejected', reason: 'refused by the test' });
          this.outgoing.push({ at: this.now().toISOString(), message });
          return ok({ providerMessageId: `acs-${++this.#providerIds}` });
        },
      },
      smsAvailable: true,
      links: { linkFor: (workOrderId, purpose) => `https://fieldline.test/l/${purpose}/${workOrderId}` },
      outbox: { publish: async (message) => void this.published.push(message) },
      tuning: this.tuning,
      cadenceOverrides: {},
      senderName: 'Fieldline',
      linkValidityDays: 30,
      now: this.now,
    };
  }
}

/** The world the test app's activities use; each test installs a fresh one. */
export const journeyWorld: { current: JourneyWorld | undefined } = { current: undefined };
