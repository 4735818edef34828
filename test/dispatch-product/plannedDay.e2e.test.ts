import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTime } from '../../shared/journey/composeMessage';
import { InflightWorld, siteIn } from '../inflight/support/inflightWorld';
import { eventually } from '../support/outboundQueue';
import { signedInAs } from '../support/runtime';
import { storesAgree } from '../support/storesAgree';

const region = 'BE-RTE';
const hour = 3_600_000;

/** A site `eastKm` east of the technician's Namur home. */
const siteAt = (eastKm: number) => ({ ...siteIn(region), latitude: 50.46, longitude: 4.86 + eastKm / 71 });

/*
 * The product's planning on the local runtime in virtual time: customers book on the real pages, the
 * nightly timer plans the day, the technician reads the day in planned order and sets out, and the
 * customer's "on the way" message carries the plan's arrival time.
 */
describe('a planned day, end to end', () => {
  const world = new InflightWorld();
  const technicianId = 'T-ROUTE';
  const asTechnician = signedInAs({ userId: technicianId, roles: ['technician'] });
  const asDispatcher = signedInAs({ userId: 'dispatcher-1', roles: ['dispatcher'] });

  beforeAll(async () => {
    await world.start([InflightWorld.technician(technicianId, region)]);
  }, 90_000);
  afterAll(async () => {
    await world.stop();
  });

  it('books travel-aware, plans nightly, lists the day in order with arrival times, and announces the planned ETA', async () => {
    // Wednesday 25 November afternoon is the first window past the 48 h lead time.
    const firstAfternoon = (slots: string[]) => slots.find((s) => s.includes('2026-11-25~1200'));
    const near = await world.booked('PD-NEAR', { site: siteAt(2) }, firstAfternoon);
    const far = await world.booked('PD-FAR', { site: siteAt(25) }, firstAfternoon);
    expect(near.slotId).toBe('SL~BE-RTE~2026-11-25~1200-1600');
    expect(far.slotId).toBe(near.slotId);

    // Bruges is 150 km away: any window is reachable from Namur but the drive home overruns the shift,
    // so no slot is offered at all, where capacity alone would have offered every one.
    const bruges = await world.create('PD-BRUGES', {
      site: { ...siteIn(region), latitude: 51.21, longitude: 3.22 },
    });
    const link = await world.linkFor((bruges.body['customer'] as { email: string }).email);
    expect(await world.offeredSlots(link)).toEqual([]);

    for (const { order } of [near, far])
      expect(await storesAgree(world.rt.cosmos!, order.workOrderId)).toEqual([]);

    // The nightly run at 22:00 UTC on Tuesday plans Wednesday.
    await world.clock.advance(Date.parse('2026-11-24T22:00:30Z') - world.clock.now());
    const nightly = await eventually(async () => {
      const response = await world.rt.fetch('/api/dispatch/runs/dispatch-nightly-2026-11-25', {
        headers: asDispatcher,
      });
      const body = (await response.json()) as { runtimeStatus?: string; output?: unknown };
      return body.runtimeStatus === 'Completed' ? body.output : undefined;
    }, 90_000);
    expect(nightly).toMatchObject({
      regionDays: [{ region, date: '2026-11-25', visits: 2, routed: 2, unplaced: 0 }],
    });
    const response = await world.rt.fetch(`/api/dispatch/plans/${region}/2026-11-25`, {
      headers: asDispatcher,
    });
    const plan = (await response.json()) as {
      optimisedAt?: string;
      plan: { routes: { stops: unknown[] }[] };
    };
    expect(Date.parse(plan.optimisedAt ?? '')).toBeGreaterThanOrEqual(Date.parse('2026-11-24T22:00:00Z'));
    expect(plan.plan.routes[0]?.stops).toHaveLength(2);

    const schedule = await world.rt.fetch(`/api/technicians/${technicianId}/schedule?date=2026-11-25`, {
      headers: asTechnician,
    });
    const day = (await schedule.json()) as {
      planned: boolean;
      visits: { sequence: number; workOrderId: string; plannedArrival: string; travelMinutes: number }[];
    };
    expect(day.planned).toBe(true);
    // Both visits in one route, numbered in driving order. Home → near → far → home and the reverse
    // drive the same distance, so which comes first is the search's choice, not the rule's.
    expect(day.visits.map((v) => v.sequence)).toEqual([1, 2]);
    expect(day.visits.map((v) => v.workOrderId).sort()).toEqual(
      [near.order.workOrderId, far.order.workOrderId].sort(),
    );
    const [first, second] = day.visits;
    const firstVisit = first!.workOrderId === near.order.workOrderId ? near : far;
    expect(Date.parse(first!.plannedArrival)).toBeLessThan(Date.parse(second!.plannedArrival));
    expect(Date.parse(second!.plannedArrival)).toBeLessThanOrEqual(Date.parse('2026-11-25T15:00:00Z'));
    expect(Date.parse(first!.plannedArrival)).toBeGreaterThanOrEqual(Date.parse('2026-11-25T07:00:00Z'));

    // Wednesday 12:40 in Namur: the technician sets out for the first visit of the route, the phone guessing 3 h.
    await world.clock.advance(Date.parse('2026-11-25T11:40:00Z') - world.clock.now());
    const departed = new Date(world.clock.now());
    const enRoute = await world.technicianSays(technicianId, firstVisit.order.workOrderId, {
      updateId: 'pd-1',
      clientTimestamp: departed.toISOString(),
      status: 'enRoute',
      eta: new Date(departed.getTime() + 3 * hour).toISOString(),
    });
    expect(enRoute.body).toMatchObject({ outcome: 'applied', status: 'EnRoute' });
    const expected = formatTime(
      new Date(departed.getTime() + Math.ceil(first!.travelMinutes) * 60_000),
      'en',
      'Europe/Brussels',
    );
    const message = await eventually(async () =>
      world.to(firstVisit.email).find((m) => /on the way/i.test(m.text ?? m.subject ?? '')),
    );
    expect(message.text).toContain(`around ${expected}`);
    expect(message.text).not.toContain(
      formatTime(new Date(departed.getTime() + 3 * hour), 'en', 'Europe/Brussels'),
    );
  }, 240_000);
});
