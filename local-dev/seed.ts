import { cosmosStore, createCosmosClient, createServiceBusClient } from '../shared/adapters/clients';
import type { CosmosStore } from '../shared/adapters/clients/cosmos';
import { cosmosKpiDays } from '../shared/adapters/cosmos/kpiStore';
import { appConfig } from '../functions/platform';
import { hmacLinkIssuer } from '../shared/links/linkIssuer';
import { workOrderIdFor } from '../shared/workorders/workOrderId';
import { recordKpiFacts } from '../shared/kpis';
import { queueName } from '../shared/resources';
import type { CreateWorkOrderMessage } from '../shared/contracts/inbound/messages';
import type { Technician } from '../shared/technicians/technician';
import { cancelOf, demoWorkOrders, fateOf, sendCreates, smsReceived, type DemoFate } from './demoJourneys';
import { demoKpiFacts } from './demoKpis';

/**
 * `npm start` demo data, so every staff page shows something real: technicians in every region
 * the simulator uses, 300 work orders from two utilities in two regions that go through intake and
 * their journeys as a utility's would, and a month of KPI history. Then, as their customers would,
 * about a third book on their page, some decline, some text STOP (on hold for ops) and the utility
 * cancels some. Upserts and fresh message ids: restarting is fine.
 */
const regions: readonly { region: string; latitude: number; longitude: number }[] = [
  { region: 'BE-VOV', latitude: 51.0543, longitude: 3.7174 },
  { region: 'BE-VAN', latitude: 51.2194, longitude: 4.4025 },
  { region: 'BE-VBR', latitude: 50.8798, longitude: 4.7005 },
  { region: 'BE-VWV', latitude: 51.2093, longitude: 3.2247 },
  { region: 'BE-WNA', latitude: 50.4669, longitude: 4.8675 },
  { region: 'BE-WLG', latitude: 50.6326, longitude: 5.5797 },
  { region: 'BE-WHT', latitude: 50.4108, longitude: 4.4446 },
  { region: 'BE-BRU', latitude: 50.8467, longitude: 4.3525 },
];

const demoCount = 300;
const weekday = [{ start: '08:00', end: '16:30' }];

const technicianIn = (place: (typeof regions)[number], index: number, now: string): Technician => ({
  id: `TECH-${place.region}-${index}`,
  displayName: `Technician ${place.region} ${index}`,
  skills: ['fibre-splicing', 'ont-install', 'smart-meter'],
  region: place.region,
  homeBase: { latitude: place.latitude, longitude: place.longitude },
  timeZone: 'Europe/Brussels',
  workingHours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
  absences: [],
  active: true,
  updatedAt: now,
});

/**
 * Waits (up to a minute) until intake has taken the work orders and their journeys have begun
 * contacting: before that, a customer's page has nothing to book.
 */
async function untilContacting(store: CosmosStore, count: number): Promise<number> {
  const deadline = Date.now() + 60_000;
  let contacting = 0;
  while (Date.now() < deadline) {
    const { resources } = await store
      .container('workOrders')
      .items.query<number>({
        query:
          "SELECT VALUE COUNT(1) FROM c WHERE c.state.status = 'AwaitingCustomer' AND STARTSWITH(c.id, 'WO-')",
      })
      .fetchAll();
    contacting = resources[0] ?? 0;
    if (contacting >= count * 0.95) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return contacting;
}

/** The customer books the first time their page offers, through the page's own form. */
async function bookFirstSlot(link: string): Promise<boolean> {
  const page = await (await fetch(link)).text();
  const slotId = /name="slotId"\s+value="([^"]+)"/.exec(page)?.[1];
  if (slotId === undefined) return false;
  const booked = await fetch(`${link}/book`, {
    method: 'POST',
    body: new URLSearchParams({ slotId }),
    redirect: 'manual',
  });
  return booked.status === 303;
}

async function decline(link: string): Promise<boolean> {
  const response = await fetch(`${link}/decline`, {
    method: 'POST',
    body: new URLSearchParams({ confirm: 'yes', reason: 'No longer needed' }),
    redirect: 'manual',
  });
  return response.status === 303;
}

export async function seed(context: {
  readonly url: string;
  readonly settings: Readonly<Record<string, string>>;
}): Promise<void> {
  const now = new Date();
  const cosmos = createCosmosClient(context.settings);
  const store = cosmosStore(cosmos);
  const technicians = store.container('technicians');
  for (const place of regions) {
    for (const index of [1, 2, 3])
      await technicians.items.upsert(technicianIn(place, index, now.toISOString()));
  }
  await recordKpiFacts(cosmosKpiDays(store), demoKpiFacts(now), now);

  const serviceBus = createServiceBusClient(context.settings);
  const sender = serviceBus.createSender(queueName('workOrdersInbound'));
  const orders = demoWorkOrders(demoCount, now);
  await sendCreates(sender, orders);
  process.stderr.write(`Demo: ${orders.length} work orders sent; waiting for their invitations…\n`);

  await untilContacting(store, orders.length);
  // The link the invitation carries: at night the invitation itself waits for the end of quiet
  // hours, but the customer's page works already, as it does for a link sent the day before.
  const links = hmacLinkIssuer(appConfig(context.settings).links.signingKeys, context.url);
  const linkOf = (order: CreateWorkOrderMessage) =>
    links.linkFor(
      workOrderIdFor(order.utilityCode, order.externalId),
      'book',
      new Date(now.getTime() + 30 * 86_400_000),
    );
  const done: Record<DemoFate, number> = { contacting: 0, book: 0, decline: 0, utilityCancel: 0, optOut: 0 };
  const secret = context.settings['SmsEventsWebhookSecret'] ?? '';
  const ours = context.settings['AcsSmsFrom'] ?? '';
  for (const [index, order] of orders.entries()) {
    const fate = fateOf(index, order);
    const link = linkOf(order);
    try {
      switch (fate) {
        case 'book':
          if (await bookFirstSlot(link)) done.book++;
          break;
        case 'decline':
          if (await decline(link)) done.decline++;
          break;
        case 'utilityCancel':
          await sender.sendMessages(cancelOf(order, now));
          done.utilityCancel++;
          break;
        case 'optOut': {
          const response = await fetch(`${context.url}/api/events/sms-received`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-webhook-secret': secret },
            body: JSON.stringify(smsReceived(order.customer.phone ?? '', ours, 'STOP', new Date())),
          });
          if (response.ok) done.optOut++;
          break;
        }
        case 'contacting':
          done.contacting++;
          break;
        default: {
          const unknown: never = fate;
          throw new Error(`unknown fate ${String(unknown)}`);
        }
      }
    } catch (error) {
      process.stderr.write(`Demo: ${order.externalId} ${fate} failed: ${String(error)}\n`);
    }
  }
  await sender.close();
  await serviceBus.close();
  cosmos.dispose();
  process.stderr.write(
    `Demo: ${regions.length * 3} technicians; ${orders.length} work orders (FLUVIUS in BE-VAN, ORES in BE-WNA): ` +
      `${done.book} booked, ${done.decline} declined, ${done.utilityCancel} cancelled by the utility, ` +
      `${done.optOut} opted out of SMS (on hold), ${done.contacting} still being contacted; 30 days of KPIs. ` +
      `Sign in at ${context.url}/.auth/login; messages at ${context.url}/dev/outbox.\n`,
  );
}
