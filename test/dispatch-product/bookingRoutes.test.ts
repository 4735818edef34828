import { describe, expect, it } from 'vitest';
import { bookingRoutes } from '../../shared/dispatch/bookingRoutes';
import { legSource } from '../../shared/dispatch/legMinutes';
import { buildSlot } from '../../shared/scheduling/buildSlot';
import { aWorkOrder } from '../journey/support/fixtures';
import { technician } from '../scheduling/support';
import type { TimelineEvent } from '../../shared/timeline/timelineEvent';
import { memoryPlanStore } from './memoryPlanStore';

const zone = 'Europe/Brussels';
const home = { latitude: 51.05, longitude: 3.72 };
const tech = technician('T-1', { homeBase: home });
const morning = buildSlot([tech], 'BE-VOV', '2026-12-02', { start: '08:00', end: '12:00' }, zone);

const order = (n: number, eastKm: number, minutes = 60) =>
  aWorkOrder({
    id: `WO-R-${n}`,
    externalId: `R-${n}`,
    requiredSkills: ['fibre-splicing'],
    estimatedDurationMinutes: minutes,
    site: {
      ...aWorkOrder().site,
      region: 'BE-VOV',
      latitude: home.latitude,
      longitude: home.longitude + eastKm / 70,
    },
  });

const routesOver = () => {
  const plans = memoryPlanStore();
  const routes = bookingRoutes({
    plans,
    techniciansIn: async () => [tech],
    legs: legSource(undefined),
    timeZone: zone,
    now: () => new Date('2026-11-30T10:00:00Z'),
  });
  return { plans, routes };
};

describe('travel-aware booking over the stored day plan', () => {
  it('offers a window on an empty day, and not for a site too far to reach and return within the shift', async () => {
    const { routes } = routesOver();
    expect(await routes.fits(order(1, 3), [{ slot: morning, technicianIds: ['T-1'] }])).toEqual([
      { kind: 'fits', technicianId: 'T-1' },
    ]);
    // 200 km east: 6.5 h each way at 40 km/h with the road factor, longer than the 8.5 h shift allows.
    expect(await routes.fits(order(2, 200), [{ slot: morning, technicianIds: ['T-1'] }])).toEqual([
      { kind: 'noFit' },
    ]);
    expect(await routes.fits(order(3, 3), [{ slot: morning, technicianIds: [] }])).toEqual([
      { kind: 'noFit' },
    ]);
  });

  it('taking fills the route until the window can no longer be reached; releasing gives the gap back', async () => {
    const { plans, routes } = routesOver();
    // Two-hour visits: starts at 08:xx, 10:xx, and the third would start after noon.
    const taken = [];
    for (const n of [1, 2, 3]) taken.push(await routes.take(order(n, 3, 120), morning, `AP-${n}`, ['T-1']));
    expect(taken.map((t) => t.kind)).toEqual(['fits', 'fits', 'noFit']);
    const stored = (await plans.get('BE-VOV', '2026-12-02'))!.value;
    expect(stored.visits.map((v) => v.id)).toEqual(['AP-1', 'AP-2']);
    const stops = stored.plan.routes[0]!.stops;
    expect(stops.map((s) => s.visitId).sort()).toEqual(['AP-1', 'AP-2']);
    expect(stops[0]!.end <= stops[1]!.start).toBe(true);
    // A retried take finds its place; a release frees the window for the one refused.
    expect(await routes.take(order(1, 3, 120), morning, 'AP-1', ['T-1'])).toEqual({
      kind: 'fits',
      technicianId: 'T-1',
    });
    await routes.release(morning.id, 'AP-1');
    await routes.release(morning.id, 'AP-1');
    expect((await routes.take(order(3, 3, 120), morning, 'AP-3', ['T-1'])).kind).toBe('fits');
    const after = (await plans.get('BE-VOV', '2026-12-02'))!.value;
    expect(after.visits.map((v) => v.id).sort()).toEqual(['AP-2', 'AP-3']);
  });

  it('notes each route a booking changes on its work order, and a failed note never fails the booking', async () => {
    const plans = memoryPlanStore();
    const events: TimelineEvent[] = [];
    let failing = false;
    const routes = bookingRoutes({
      plans,
      techniciansIn: async () => [tech],
      legs: legSource(undefined),
      timeZone: zone,
      now: () => new Date('2026-11-30T10:00:00Z'),
      recordEvent: async (event) => {
        if (failing) throw new Error('timeline unavailable');
        events.push(event);
      },
    });
    await routes.take(order(1, 3, 120), morning, 'AP-1', ['T-1']);
    expect(events.map((e) => [e.subjectId, e.type, e.data?.trigger, e.actor.kind])).toEqual([
      ['WO-R-1', 'dispatch.routed', 'booking', 'system'],
    ]);
    // The second two-hour visit goes before or after the first; whichever waits moves ≥ 15 min.
    await routes.take(order(2, 3, 120), morning, 'AP-2', ['T-1']);
    expect(
      events
        .slice(1)
        .map((e) => e.type)
        .sort(),
    ).toEqual(['dispatch.retimed', 'dispatch.routed']);
    const later = events.find((e) => e.type === 'dispatch.retimed')!;
    expect(later.summary).toMatch(
      /^Planned arrival moved from \d\d:\d\d to \d\d:\d\d \(a booking on the same day\)$/,
    );
    // Releasing the one that goes first brings the other forward, noted with that reason.
    const first = (await plans.get('BE-VOV', '2026-12-02'))!.value.plan.routes[0]!.stops[0]!.visitId;
    await routes.release(morning.id, first);
    expect(events.at(-1)).toMatchObject({
      type: 'dispatch.retimed',
      subjectId: first === 'AP-1' ? 'WO-R-2' : 'WO-R-1',
      data: { trigger: 'bookingReleased' },
    });
    failing = true;
    expect((await routes.take(order(3, 3, 60), morning, 'AP-3', ['T-1'])).kind).toBe('fits');
    expect((await plans.get('BE-VOV', '2026-12-02'))!.value.visits.map((v) => v.id)).toContain('AP-3');
  });

  it('a region without technicians is "no data", where booking falls back to capacity alone', async () => {
    const plans = memoryPlanStore();
    const routes = bookingRoutes({
      plans,
      techniciansIn: async () => [],
      legs: legSource(undefined),
      timeZone: zone,
      now: () => new Date('2026-11-30T10:00:00Z'),
    });
    expect(await routes.fits(order(1, 3), [{ slot: morning, technicianIds: [] }])).toEqual([
      { kind: 'noData' },
    ]);
  });
});
