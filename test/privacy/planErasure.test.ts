import { startEmbeddedCosmos, type EmbeddedCosmos } from '@fieldline/functions-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosmosStore, createCosmosClient } from '../../shared/adapters/clients';
import { personalDataStore } from '../../shared/adapters/cosmos/personalDataStore';
import { currentBookingId, type ClosedBooking } from '../../shared/booking/currentBooking';
import { planIdFor, type StoredPlan, type StoredVisit } from '../../shared/dispatch/storedPlan';
import { resources } from '../../shared/resources';
import { aWorkOrder } from '../journey/support/fixtures';

/*
 * A visit that was done stays in its day's plan until the plan's 90-day TTL: the routes and the
 * day's travel are history the dispatcher reads. When the customer asks to be forgotten, the plan
 * keeps the visit but no longer the exact position of her home; her neighbour's visit is untouched.
 */
const region = 'BE-NAM';
const date = '2026-11-25';
const herOrder = 'WO-PLAN-ERASE-1';
const neighbourOrder = 'WO-PLAN-ERASE-2';

const visit = (
  workOrderId: string,
  appointmentId: string,
  latitude: number,
  longitude: number,
): StoredVisit => ({
  id: appointmentId,
  workOrderId,
  location: { latitude, longitude },
  workType: 'meterExchange',
  window: { start: '09:00', end: '13:00' },
  skills: ['smart-meter'],
  priority: 'normal',
  serviceMinutes: 45,
});

const plan: StoredPlan = {
  id: planIdFor(region, date),
  docType: 'dayPlan',
  region,
  date,
  timeZone: 'Europe/Brussels',
  visits: [visit(herOrder, 'AP-HER', 50.46913, 4.86657), visit(neighbourOrder, 'AP-NEXT', 50.47128, 4.87301)],
  plan: { region, date, routes: [], unplaced: [], travelMinutes: 0 },
  updatedAt: '2026-11-24T22:00:00.000Z',
};

describe('erasing a work order whose visit is in a stored day plan', () => {
  let cosmos: EmbeddedCosmos;
  let store: ReturnType<typeof cosmosStore>;
  let records: ReturnType<typeof personalDataStore>;

  beforeAll(async () => {
    cosmos = await startEmbeddedCosmos({
      databaseName: resources.cosmos.databaseName,
      containers: [
        resources.cosmos.containers.plans,
        resources.cosmos.containers.workOrders,
        resources.cosmos.containers.timeline,
        resources.cosmos.containers.journeys,
      ],
    });
    store = cosmosStore(
      createCosmosClient({
        CosmosDbConnection: cosmos.connectionString,
        CosmosDbCaCertificatePath: cosmos.caCertificatePath,
      }),
    );
    records = personalDataStore(store);
    await store.container('workOrders').items.create(aWorkOrder({ id: herOrder }));
    const closed: ClosedBooking = {
      id: currentBookingId(herOrder),
      docType: 'currentBooking',
      workOrderId: herOrder,
      status: 'closed',
      updatedAt: '2026-11-25T12:00:00.000Z',
      last: {
        id: currentBookingId(herOrder),
        docType: 'currentBooking',
        workOrderId: herOrder,
        status: 'booked',
        slotId: `${region}~${date}~am`,
        region,
        appointmentId: 'AP-HER',
        technicianId: 'T-NAM-1',
        windowStart: '2026-11-25T08:00:00.000Z',
        windowEnd: '2026-11-25T12:00:00.000Z',
        via: 'web',
        updatedAt: '2026-11-24T10:00:00.000Z',
      },
    };
    await store.container('workOrders').items.create(closed);
    await store.container('plans').items.create(plan);
  }, 60_000);

  afterAll(async () => {
    await cosmos?.stop();
  });

  it('coarsens her visit’s position, keeps the visit and leaves the neighbour’s exact', async () => {
    const first = await records.eraseWorkOrder(herOrder, '2026-12-01T10:00:00.000Z');
    const stored = (await store.container('plans').item(plan.id, region).read<StoredPlan>()).resource!;

    expect(stored.visits.map((v) => v.id)).toEqual(['AP-HER', 'AP-NEXT']);
    expect(stored.visits[0]!.location).toEqual({ latitude: 50.47, longitude: 4.87 });
    expect(stored.visits[1]!.location).toEqual({ latitude: 50.47128, longitude: 4.87301 });
    expect(JSON.stringify(stored)).not.toContain('50.46913');
    expect(first.replaced).toBeGreaterThanOrEqual(2);

    const again = await records.eraseWorkOrder(herOrder, '2026-12-01T10:05:00.000Z');
    expect(again.replaced).toBe(0);
  });
});
