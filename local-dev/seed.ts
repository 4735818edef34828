import { cosmosStore, createCosmosClient, createServiceBusClient } from '../shared/adapters/clients';
import { queueName } from '../shared/resources';
import type { Technician } from '../shared/technicians/technician';
import { planSimulation, sendSimulation } from '../scripts/utility/simulation';

/**
 * `npm start` demo data: technicians in every region the simulator uses, so slots exist, and a
 * handful of work orders from a simulated utility, so the outbox at /dev/outbox fills with
 * invitations whose links open the booking page. Upserts and fresh message ids: restarting is fine.
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

export async function seed(context: { readonly settings: Readonly<Record<string, string>> }): Promise<void> {
  const now = new Date().toISOString();
  const cosmos = createCosmosClient(context.settings);
  const technicians = cosmosStore(cosmos).container('technicians');
  for (const place of regions) {
    for (const index of [1, 2]) await technicians.items.upsert(technicianIn(place, index, now));
  }
  cosmos.dispose();

  const serviceBus = createServiceBusClient(context.settings);
  const sender = serviceBus.createSender(queueName('workOrdersInbound'));
  const plan = planSimulation({
    count: 5,
    seed: Date.now() % 100_000,
    utilityCode: 'DEMO',
    from: new Date(),
  });
  await sendSimulation(sender, plan);
  await sender.close();
  await serviceBus.close();
  process.stderr.write(
    `Demo: ${regions.length * 2} technicians and ${plan.length} work orders sent. ` +
      `Open ${context.settings['PublicBaseUrl'] ?? ''}/dev/outbox for the customers' messages.\n`,
  );
}
