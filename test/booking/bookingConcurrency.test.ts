import type { CosmosClient } from '@azure/cosmos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '@fieldline/functions-local';
import { cosmosStore, createCosmosClient, type CosmosStore } from '../../shared/adapters/clients';
import { cosmosBookingStore } from '../../shared/adapters/cosmos/bookingStore';
import { bookingService, type BookingService } from '../../shared/booking/bookingService';
import { buildSlot } from '../../shared/scheduling/buildSlot';
import { slotIdFor, Slot } from '../../shared/scheduling/slot';
import type { WorkOrder } from '../../shared/workorders/workOrder';
import { resources } from '../../shared/resources';
import { aWorkOrder } from '../journey/support/fixtures';
import { technician } from '../scheduling/support';

const now = new Date('2026-11-23T10:00:00Z');
const slotId = slotIdFor('BE-VOV', '2026-11-26', { start: '08:00', end: '12:00' });
const otherSlotId = slotIdFor('BE-VOV', '2026-11-26', { start: '12:00', end: '16:00' });

/** 90-minute visits: with the 30-minute travel allowance, two fit in a technician's 4-hour window. */
const workOrder = (n: number): WorkOrder =>
  aWorkOrder({
    id: `WO-FIBERCO-${n}`,
    externalId: String(n),
    customerId: `CU-FIBERCO-${n}`,
    workType: 'installation',
    dueDate: '2026-12-20',
    requiredSkills: ['fibre-splicing'],
    estimatedDurationMinutes: 90,
    site: { ...aWorkOrder().site, region: 'BE-VOV' },
    state: { status: 'AwaitingCustomer' },
  });

describe('booking against Cosmos DB (embedded, real SDK)', () => {
  let cosmos: EmbeddedCosmos;
  let client: CosmosClient;
  let store: CosmosStore;
  let booking: BookingService;

  beforeAll(async () => {
    cosmos = await startEmbeddedCosmos({
      databaseName: resources.cosmos.databaseName,
      containers: Object.values(resources.cosmos.containers),
    });
    client = createCosmosClient({
      CosmosDbConnection: cosmos.connectionString,
      CosmosDbCaCertificatePath: cosmos.caCertificatePath,
    });
    store = cosmosStore(client);
    for (const id of ['T1', 'T2', 'T3', 'T4', 'T5']) {
      await store.container('technicians').items.create(technician(id));
    }
    booking = bookingService({
      store: cosmosBookingStore(store),
      now: () => now,
      rules: { leadTimeHours: 48, horizonDays: 28, timeZone: 'Europe/Brussels' },
    });
  }, 60_000);

  afterAll(async () => {
    client?.dispose();
    await cosmos?.stop();
  });

  const readSlot = async (id: string) =>
    Slot.parse((await store.container('capacity').item(id, 'BE-VOV').read()).resource);

  it('gives 50 concurrent bookings of a window with room for 10 exactly 10 places, and fresh slots to the rest', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, n) => booking.book(workOrder(n), slotId, 'web')),
    );
    const booked = outcomes.filter((outcome) => outcome.kind === 'booked');
    const refused = outcomes.filter((outcome) => outcome.kind === 'unavailable');
    expect(booked).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const outcome of refused) {
      expect(outcome.offers.length).toBeGreaterThan(0);
      expect(outcome.offers.map((offer) => offer.slotId)).not.toContain(slotId);
    }

    const slot = await readSlot(slotId);
    expect(slot.bookings).toHaveLength(10);
    for (const tech of slot.technicians) {
      const used = slot.bookings
        .filter((b) => b.technicianId === tech.technicianId)
        .reduce((s, b) => s + b.minutes, 0);
      expect(used).toBeLessThanOrEqual(tech.capacityMinutes);
    }
    const winners = new Set(
      booked.map((outcome) => (outcome.kind === 'booked' ? outcome.booking.workOrderId : '')),
    );
    expect(new Set(slot.bookings.map((b) => b.workOrderId))).toEqual(winners);
  }, 120_000);

  it('answers a resubmitted booking with the same appointment and a second slot with the current one', async () => {
    const first = await booking.book(workOrder(100), otherSlotId, 'web');
    const again = await booking.book(workOrder(100), otherSlotId, 'web');
    expect(first.kind).toBe('booked');
    expect(again).toMatchObject({ kind: 'booked', changed: false });
    const elsewhere = await booking.book(
      workOrder(100),
      slotIdFor('BE-VOV', '2026-11-27', { start: '08:00', end: '12:00' }),
      'web',
    );
    expect(elsewhere).toMatchObject({ kind: 'alreadyBooked', booking: { slotId: otherSlotId } });
  }, 60_000);

  it('releases the old place on a reschedule and on a cancel', async () => {
    const friday = slotIdFor('BE-VOV', '2026-11-27', { start: '12:00', end: '16:00' });
    await booking.book(workOrder(200), otherSlotId, 'web');
    const moved = await booking.reschedule(workOrder(200), friday, 'web');
    expect(moved).toMatchObject({
      kind: 'booked',
      previous: { slotId: otherSlotId },
      booking: { slotId: friday },
    });
    expect((await readSlot(otherSlotId)).bookings.map((b) => b.workOrderId)).not.toContain('WO-FIBERCO-200');
    expect((await readSlot(friday)).bookings.map((b) => b.workOrderId)).toContain('WO-FIBERCO-200');

    const cancelled = await booking.cancel('WO-FIBERCO-200');
    expect(cancelled?.status).toBe('cancelled');
    expect((await readSlot(friday)).bookings.map((b) => b.workOrderId)).not.toContain('WO-FIBERCO-200');
    expect(await booking.cancel('WO-FIBERCO-200')).toBeUndefined();
  }, 60_000);

  it('gives back places a crash left without a booking, and only old ones', async () => {
    const tuesday = slotIdFor('BE-VOV', '2026-12-01', { start: '08:00', end: '12:00' });
    const technicians = ['T1', 'T2', 'T3', 'T4', 'T5'].map((id) => technician(id));
    const hold = (n: number, bookedAt: string) => ({
      workOrderId: `WO-ORPHAN-${n}`,
      technicianId: `T${(n % 5) + 1}`,
      minutes: 120,
      bookedAt,
    });
    // Ten places, all held: nine by bookings that crashed an hour ago, one a minute ago (maybe still running).
    await store.container('capacity').items.create({
      ...buildSlot(technicians, 'BE-VOV', '2026-12-01', { start: '08:00', end: '12:00' }, 'Europe/Brussels'),
      bookings: [
        ...Array.from({ length: 9 }, (_, n) => hold(n, '2026-11-23T09:00:00.000Z')),
        hold(9, '2026-11-23T09:59:00.000Z'),
      ],
    });
    const outcome = await booking.book(workOrder(400), tuesday, 'web');
    expect(outcome.kind).toBe('booked');
    expect((await readSlot(tuesday)).bookings.map((b) => b.workOrderId).sort()).toEqual([
      'WO-FIBERCO-400',
      'WO-ORPHAN-9',
    ]);
  }, 60_000);

  it('refuses a slot inside the lead time or after the due date', async () => {
    const tomorrow = slotIdFor('BE-VOV', '2026-11-24', { start: '12:00', end: '16:00' });
    expect((await booking.book(workOrder(300), tomorrow, 'web')).kind).toBe('unavailable');
    const late = { ...workOrder(301), dueDate: '2026-11-26' };
    expect(
      (await booking.book(late, slotIdFor('BE-VOV', '2026-11-27', { start: '08:00', end: '12:00' }), 'web'))
        .kind,
    ).toBe('unavailable');
  }, 60_000);
});
