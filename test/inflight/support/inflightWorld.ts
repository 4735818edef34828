import type { ServiceBusSender } from '@azure/service-bus';
import { ManualClock } from '@fieldline/functions-local';
import type { OutboxMessage } from '@fieldline/functions-local';
import { queueName } from '../../../shared/resources';
import type { Technician } from '../../../shared/technicians/technician';
import { workOrderIdFor } from '../../../shared/workorders/workOrderId';
import { technician } from '../../scheduling/support';
import { eventually, UtilityInbox } from '../../support/outboundQueue';
import { signedInAs, startTestRuntime, type TestRuntime } from '../../support/runtime';
import { storesDisagree, type JourneyView } from './storesAgree';

export const ourNumber = '+3225550100';

/** A Namur-area site in any region the test makes up, so each scenario has its own capacity. */
export const siteIn = (region: string) => ({
  street: 'Rue de la Station 4',
  postcode: '5000',
  city: 'Namur',
  country: 'BE',
  latitude: 50.4669,
  longitude: 4.8675,
  region,
});

export interface Order {
  readonly externalId: string;
  readonly workOrderId: string;
  body: Record<string, unknown>;
  revision: number;
}

/**
 * The whole app on the local runtime in virtual time, played from the outside: the utility sends
 * over Service Bus and reads its answers, customers read the ACS outbox and use the real pages,
 * technicians call the technician API. Starts Monday 23 November 2026, 10:00 in Brussels.
 */
export class InflightWorld {
  readonly clock = new ManualClock(new Date('2026-11-23T09:00:00.000Z'));
  rt!: TestRuntime;
  inbox!: UtilityInbox;
  #sender!: ServiceBusSender;
  #messages = 0;

  async start(technicians: readonly Technician[]): Promise<void> {
    this.rt = await startTestRuntime({
      app: () => import('../../../functions'),
      clock: this.clock,
      settings: { AcsSmsFrom: ourNumber },
    });
    for (const person of technicians) await this.rt.cosmos!.container('technicians').items.create(person);
    this.#sender = this.rt.serviceBusClient().createSender(queueName('workOrdersInbound'));
    this.inbox = new UtilityInbox(this.rt.serviceBusClient());
  }

  async stop(): Promise<void> {
    await this.inbox?.close();
    await this.#sender?.close();
    await this.rt?.stop();
  }

  static technician(id: string, region: string, skills: string[] = ['smart-meter']): Technician {
    return technician(id, { region, skills, homeBase: { latitude: 50.46, longitude: 4.86 } });
  }

  outbox(): readonly OutboxMessage[] {
    return (this.rt.outbox as { messages(): readonly OutboxMessage[] }).messages();
  }

  to(address: string): OutboxMessage[] {
    return this.outbox().filter((message) => message.to.includes(address));
  }

  answers(order: Order): Record<string, unknown>[] {
    return this.inbox.received
      .filter((m) => m.body.externalId === order.externalId)
      .map((m) => m.body as Record<string, unknown>);
  }

  async answer(
    order: Order,
    kind: string,
    workOrderId = order.workOrderId,
  ): Promise<Record<string, unknown>> {
    return eventually(async () =>
      this.answers(order).find((body) => body['kind'] === kind && body['workOrderId'] === workOrderId),
    );
  }

  async send(body: Record<string, unknown>): Promise<void> {
    await this.#sender.sendMessages({ body, messageId: `inflight-${++this.#messages}` });
  }

  async create(externalId: string, changes: Record<string, unknown>): Promise<Order> {
    const body = {
      schemaVersion: 1,
      kind: 'create',
      utilityCode: 'ORES',
      externalId,
      revision: 1,
      sentAt: '2026-11-23T08:55:00Z',
      workType: 'meterExchange',
      priority: 'normal',
      dueDate: '2026-12-20',
      requiredSkills: ['smart-meter'],
      site: siteIn('BE-NAM'),
      customer: { name: 'Luc Dubois', email: `${externalId.toLowerCase()}@example.org`, language: 'en' },
      ...changes,
    };
    await this.send(body);
    return { externalId, workOrderId: workOrderIdFor('ORES', externalId), body, revision: 1 };
  }

  /** The utility's next revision: the whole work order again, with these changes. */
  async amend(order: Order, changes: Record<string, unknown>): Promise<void> {
    order.revision += 1;
    order.body = { ...order.body, ...changes, kind: 'amend', revision: order.revision };
    await this.send(order.body);
    await eventually(async () =>
      this.answers(order).some((b) => b['kind'] === 'accepted' && b['revision'] === order.revision)
        ? true
        : undefined,
    );
  }

  async cancel(order: Order): Promise<void> {
    order.revision += 1;
    await this.send({
      schemaVersion: 1,
      kind: 'cancel',
      utilityCode: 'ORES',
      externalId: order.externalId,
      revision: order.revision,
      sentAt: '2026-11-23T08:55:00Z',
    });
  }

  /** The self-service link in the latest message to `address` that has one. */
  async linkFor(address: string, count = 1): Promise<string> {
    return eventually(async () => {
      const messages = this.to(address);
      if (messages.length < count) return undefined;
      return messages
        .map((m) => m.links.find((url) => url.includes('/api/s/')))
        .filter((url) => url !== undefined)
        .at(-1);
    });
  }

  async offeredSlots(link: string): Promise<string[]> {
    const html = await (await fetch(link)).text();
    // The picker names "first available" and then the chosen day's times: each slot once.
    return [...new Set([...html.matchAll(/name="slotId"\s+value="([^"]+)"/g)].map((m) => m[1] ?? ''))];
  }

  /** Books on the page as the customer would; `pick` chooses among the slots offered. */
  async book(link: string, pick: (slots: string[]) => string | undefined = (s) => s[0]): Promise<string> {
    const slotId = pick(await this.offeredSlots(link));
    if (slotId === undefined) throw new Error('no slot offered');
    const booked = await fetch(`${link}/book`, {
      method: 'POST',
      body: new URLSearchParams({ slotId }),
      redirect: 'manual',
    });
    if (booked.status !== 303) throw new Error(`booking answered ${booked.status}`);
    return slotId;
  }

  /** A work order the customer has booked and the utility has heard is scheduled. */
  async booked(
    externalId: string,
    changes: Record<string, unknown>,
    pick?: (slots: string[]) => string | undefined,
  ) {
    const order = await this.create(externalId, changes);
    const email = (order.body['customer'] as { email?: string }).email;
    const link = await this.linkFor(email ?? '');
    const slotId = await this.book(link, pick);
    await this.answer(order, 'scheduled');
    return { order, link, slotId, email: email ?? '' };
  }

  async journey(workOrderId: string): Promise<JourneyView | undefined> {
    const response = await this.rt.fetch(`/api/ops/journeys/${workOrderId}`, {
      headers: { ...signedInAs({ userId: 'ops-tests', roles: ['ops'] }) },
    });
    if (response.status !== 200) return undefined;
    return ((await response.json()) as { status: JourneyView }).status;
  }

  /** Waits until every store tells the same story about the work order, and returns what is left. */
  async disagreements(workOrderId: string, slotIds: readonly string[]): Promise<string[]> {
    let last: string[] = [];
    try {
      await eventually(async () => {
        last = await storesDisagree(
          this.rt.cosmos!,
          workOrderId,
          await this.journey(workOrderId),
          slotIds,
          new Date(this.clock.now()),
        );
        return last.length === 0 ? true : undefined;
      }, 15_000);
    } catch {
      // The assertion shows what still disagrees.
    }
    return last;
  }

  async technicianSays(technicianId: string, workOrderId: string, body: Record<string, unknown>) {
    const response = await this.rt.fetch(`/api/technician/work-orders/${workOrderId}/status`, {
      method: 'POST',
      headers: {
        ...signedInAs({ userId: technicianId, roles: ['technician'] }),
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async workOrder(workOrderId: string): Promise<Record<string, unknown>> {
    return (await this.rt.cosmos!.container('workOrders').item(workOrderId, workOrderId).read()).resource;
  }
}
