import { resources } from '../../shared/resources';
import type { CosmosClient } from '@azure/cosmos';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '@fieldline/functions-local';
import { cosmosStore, createCosmosClient, type CosmosStore } from '../../shared/adapters/clients';
import { cosmosBookingStore } from '../../shared/adapters/cosmos/bookingStore';
import {
  bookingService,
  type BookingOutcome,
  type BookingService,
} from '../../shared/booking/bookingService';
import { slotIdFor } from '../../shared/scheduling/slot';
import type { WorkOrder } from '../../shared/workorders/workOrder';
import { aWorkOrder } from '../journey/support/fixtures';
import { technician } from '../scheduling/support';
import { storesAgree } from '../support/storesAgree';
import { cosmosPlanStore } from '../../shared/adapters/cosmos/planStore';
import { bookingRoutes } from '../../shared/dispatch/bookingRoutes';
import { legSource } from '../../shared/dispatch/legMinutes';

const now = new Date('2026-11-23T10:00:00Z');
const rounds = 50;

/** Weekdays from Thursday 26 November (past the 48 h lead time) to the due date, two windows each. */
const slotIds = ['26', '27', '30']
  .map((day) => `2026-11-${day}`)
  .concat(['01', '02', '03', '04', '07', '08', '09', '10', '11', '14', '15'].map((day) => `2026-12-${day}`))
  .flatMap((date) => [
    slotIdFor('BE-VOV', date, { start: '08:00', end: '12:00' }),
    slotIdFor('BE-VOV', date, { start: '12:00', end: '16:00' }),
  ]);

let serial = 0;
/** 90-minute visits: with the 30-minute travel allowance, two fit in each technician's 4-hour window. */
const freshWorkOrder = (): WorkOrder => {
  serial++;
  return aWorkOrder({
    id: `WO-RACE-${serial}`,
    externalId: String(serial),
    customerId: `CU-RACE-${serial}`,
    dueDate: '2026-12-20',
    requiredSkills: ['fibre-splicing'],
    estimatedDurationMinutes: 90,
    site: { ...aWorkOrder().site, region: 'BE-VOV' },
    state: { status: 'AwaitingCustomer' },
  });
};

const changedBookings = (outcomes: readonly BookingOutcome[]) =>
  outcomes.filter((outcome) => outcome.kind === 'booked' && outcome.changed);

describe('booking races on Cosmos DB (embedded, real SDK)', () => {
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
    for (const id of Array.from({ length: 10 }, (_, n) => `T${n + 1}`))
      await store.container('technicians').items.create(technician(id));
    const bookings = cosmosBookingStore(store);
    // With the day's routes, as the app books: the plans must then hold exactly the booked visits.
    booking = bookingService({
      store: bookings,
      now: () => now,
      rules: { leadTimeHours: 48, horizonDays: 28, timeZone: 'Europe/Brussels' },
      routes: bookingRoutes({
        plans: cosmosPlanStore(store),
        techniciansIn: (region) => bookings.techniciansIn(region),
        legs: legSource(undefined),
        timeZone: 'Europe/Brussels',
        now: () => now,
      }),
    });
  }, 60_000);

  afterAll(async () => {
    client?.dispose();
    await cosmos?.stop();
  });

  const stored = async (): Promise<WorkOrder> => {
    const workOrder = freshWorkOrder();
    await store.container('workOrders').items.create(workOrder);
    return workOrder;
  };

  const agree = (workOrderId: string) => storesAgree(store.database, workOrderId);

  /** Books all but one of a two-hour window's ten places (one per technician) for other customers. */
  const fillAllButOne = async (slotId: string): Promise<void> => {
    for (let placed = 0; placed < 9; placed++)
      expect((await booking.book(await stored(), slotId, 'web')).kind).toBe('booked');
  };

  it('rule "a request that loses a race never releases or cancels what the winner holds": the same slot from several requests', async () => {
    let lastPlaceRounds = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 5 }), fc.boolean(), async (requests, lastPlace) => {
        const workOrder = await stored();
        // Every fifth round the slot has one place left, where the second request finds it full.
        let slotId = slotIds[serial % slotIds.length] ?? '';
        if (lastPlace && lastPlaceRounds < 5) {
          lastPlaceRounds++;
          const day = ['01', '02', '03', '04', '07'][lastPlaceRounds - 1] ?? '01';
          slotId = slotIdFor('BE-VOV', `2026-12-${day}`, { start: '08:00', end: '10:00' });
          await fillAllButOne(slotId);
        }
        const outcomes = await Promise.all(
          Array.from({ length: requests }, () => booking.book(workOrder, slotId, 'web')),
        );
        expect(changedBookings(outcomes)).toHaveLength(1);
        for (const outcome of outcomes)
          expect(outcome).toMatchObject({ kind: 'booked', booking: { slotId } });
        expect(await agree(workOrder.id)).toEqual([]);
      }),
      { numRuns: rounds },
    );
  }, 600_000);

  it('rule "a request that loses a race never releases or cancels what the winner holds": different slots from several requests', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: slotIds.length - 1 }), { minLength: 2, maxLength: 5 }),
        fc.boolean(),
        async (picks, alreadyBooked) => {
          const workOrder = await stored();
          const pick = (index: number) => slotIds[(index + serial) % slotIds.length] ?? '';
          // Half the rounds are moves of an existing appointment, the old one among the targets.
          if (alreadyBooked) await booking.book(workOrder, pick(0), 'web');
          const outcomes = await Promise.all(
            picks.map((index) =>
              alreadyBooked
                ? booking.reschedule(workOrder, pick(index), 'web')
                : booking.book(workOrder, pick(index), 'web'),
            ),
          );
          const current = await booking.current(workOrder.id);
          expect(current?.status).toBe('booked');
          const moved = changedBookings(outcomes);
          const targets = new Set(picks.map(pick));
          const stayed = alreadyBooked && current?.slotId === pick(0);
          expect(moved).toHaveLength(stayed ? 0 : 1);
          if (!stayed) expect(moved[0]).toMatchObject({ booking: { appointmentId: current?.appointmentId } });
          expect(targets).toContain(current?.slotId);
          for (const outcome of outcomes) expect(['booked', 'alreadyBooked']).toContain(outcome.kind);
          expect(await agree(workOrder.id)).toEqual([]);
        },
      ),
      { numRuns: rounds },
    );
  }, 600_000);

  it('rule "whichever of a cancel and a booking commits second sees the other": no booking on a cancelled work order', async () => {
    const seen = { bookedThenCancelled: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.integer({ min: -40, max: 40 }),
        async (cancelFirstInWorkOrder, headStartMs) => {
          const workOrder = await stored();
          const slotId = slotIds[serial % slotIds.length] ?? '';
          // Intake writes the work order Cancelled, then gives the booking up; the customer's and
          // ops' cancels give the booking up first and the journey cancels the work order after.
          const cancelWorkOrder = async () => {
            const item = store.container('workOrders').item(workOrder.id, workOrder.id);
            const { resource } = await item.read<WorkOrder>();
            if (resource === undefined) throw new Error('work order missing');
            await item.replace({ ...resource, state: { status: 'Cancelled', by: 'utility' } });
          };
          const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
          // A positive head start lets the booking begin first, a negative one the cancel.
          const cancel = async () => {
            await delay(headStartMs);
            if (cancelFirstInWorkOrder) {
              await cancelWorkOrder();
              return booking.cancel(workOrder.id);
            }
            const released = await booking.cancel(workOrder.id);
            await cancelWorkOrder();
            return released;
          };
          const book = async () => {
            await delay(-headStartMs);
            return booking.book(workOrder, slotId, 'web');
          };
          const [booked, released] = await Promise.all([book(), cancel()]);
          if (booked.kind === 'booked') {
            // The booking committed first, so the cancel saw it and gave it up.
            expect(released?.appointmentId).toBe(booked.booking.appointmentId);
            seen.bookedThenCancelled++;
          } else {
            expect(booked.kind).toBe('closed');
            expect(released).toBeUndefined();
            seen.refused++;
          }
          expect(await booking.current(workOrder.id)).toBeUndefined();
          expect(await booking.book(workOrder, slotId, 'web')).toEqual({ kind: 'closed' });
          expect(await agree(workOrder.id)).toEqual([]);
        },
      ),
      { numRuns: rounds },
    );
    // Both orders happened, so both halves of the rule were exercised.
    expect(seen.bookedThenCancelled + seen.refused).toBe(rounds);
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.bookedThenCancelled).toBeGreaterThan(0);
  }, 600_000);
});
