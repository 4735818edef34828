import { describe, expect, it } from 'vitest';
import { planRegionDay, type DispatchDependencies } from '../../orchestrations/dispatch';
import { instantOn } from '../../shared/dispatch/localClock';
import type { BookedVisit } from '../../shared/dispatch/regionDayInput';
import type { TimelineEvent } from '../../shared/timeline/timelineEvent';
import { aWorkOrder } from '../journey/support/fixtures';
import { technician } from '../scheduling/support';
import { memoryPlanStore } from './memoryPlanStore';

const zone = 'Europe/Brussels';
const date = '2026-12-02'; // a Wednesday
const region = 'BE-VOV';

/** A visit booked in the morning window in Ghent, `km` east of the technicians' homes. */
const booked = (n: number, eastKm: number, workOrder = {}): BookedVisit => ({
  workOrder: aWorkOrder({
    id: `WO-D-${n}`,
    externalId: `D-${n}`,
    estimatedDurationMinutes: 45,
    requiredSkills: ['fibre-splicing'],
    site: { ...aWorkOrder().site, region, latitude: 51.05, longitude: 3.72 + eastKm / 70 },
    state: { status: 'Dispatched', appointmentId: `AP-D-${n}`, technicianId: 'T-WEST' },
    ...workOrder,
  }),
  appointmentId: `AP-D-${n}`,
  windowStart: instantOn(date, '08:00', zone).toISOString(),
  windowEnd: instantOn(date, '12:00', zone).toISOString(),
});

function world(visits: BookedVisit[]) {
  const plans = memoryPlanStore();
  const events: TimelineEvent[] = [];
  const reassigned: string[] = [];
  const deps: DispatchDependencies = {
    plans,
    techniciansIn: async () => [
      technician('T-WEST', { homeBase: { latitude: 51.05, longitude: 3.72 } }),
      technician('T-EAST', { homeBase: { latitude: 51.05, longitude: 3.72 + 40 / 70 } }),
      technician('T-GAS', { skills: ['gas'] }),
    ],
    regions: async () => [region],
    bookedVisits: async () => visits,
    travel: undefined,
    reassign: async (workOrderId, _appointment, technicianId) =>
      void reassigned.push(`${workOrderId}→${technicianId}`),
    recordEvent: async (event) => void events.push(event),
    timeZone: zone,
    now: () => new Date('2026-12-01T22:00:00Z'),
  };
  return { deps, plans, events, reassigned };
}

const input = (runId: string) => ({
  region,
  date,
  trigger: 'nightly',
  requestedBy: 'nightly',
  runId,
  budgetMs: 300,
  seed: 1,
});

describe('planning one region-day', () => {
  it('routes every booked visit, stores the plan, notes each new route on its work order and moves bookings to the planned technician', async () => {
    const visits = [booked(1, 1), booked(2, 2), booked(3, 39), booked(4, 38)];
    const { deps, plans, events, reassigned } = world(visits);
    const outcome = await planRegionDay(input('run-1'), deps);
    expect(outcome).toMatchObject({ visits: 4, routed: 4, unplaced: 0, changes: 4 });

    const stored = (await plans.get(region, date))!.value;
    const routeOf = (id: string) =>
      stored.plan.routes.find((r) => r.technicianId === id)!.stops.map((s) => s.visitId);
    // The two visits near each home go to that technician: 37 km of driving saved each way.
    expect(routeOf('T-WEST').sort()).toEqual(['AP-D-1', 'AP-D-2']);
    expect(routeOf('T-EAST').sort()).toEqual(['AP-D-3', 'AP-D-4']);
    for (const route of stored.plan.routes)
      for (const stop of route.stops) expect(stop.arrival >= '08:00' && stop.start <= '12:00').toBe(true);

    expect(events.map((e) => [e.subjectId, e.type])).toEqual(
      visits.map((v) => [v.workOrder.id, 'dispatch.routed']),
    );
    expect(events[2]?.summary).toMatch(/Planned with T-EAST, arrival \d\d:\d\d \(nightly route planning\)/);
    expect(reassigned).toEqual([]);

    // A second night with nothing changed writes no notes; moving a booked visit east moves it to T-EAST.
    const again = await planRegionDay(input('run-2'), deps);
    expect(again.changes).toBe(0);
    visits[1] = booked(2, 41);
    const third = await planRegionDay(input('run-3'), deps);
    expect(third.reassigned).toBe(1);
    expect(reassigned).toEqual(['WO-D-2→T-EAST']);
    expect(events.filter((e) => e.subjectId === 'WO-D-2').at(-1)).toMatchObject({
      type: 'dispatch.reassigned',
      data: { technicianId: 'T-EAST', previousTechnicianId: 'T-WEST', trigger: 'nightly' },
    });
  });

  it('a visit nobody can do is kept with its reason and noted once; an en-route visit stays with its technician', async () => {
    const visits = [
      booked(1, 1, { requiredSkills: ['asbestos'] }),
      booked(2, 39, { state: { status: 'EnRoute', appointmentId: 'AP-D-2', technicianId: 'T-WEST' } }),
    ];
    const { deps, plans, events } = world(visits);
    const outcome = await planRegionDay(input('run-1'), deps);
    expect(outcome).toMatchObject({ visits: 2, routed: 1, unplaced: 1 });
    const stored = (await plans.get(region, date))!.value;
    expect(stored.plan.unplaced).toEqual([{ visitId: 'AP-D-1', reason: 'noSkilledTechnician' }]);
    expect(stored.plan.routes.find((r) => r.technicianId === 'T-WEST')?.stops.map((s) => s.visitId)).toEqual([
      'AP-D-2',
    ]);
    expect(events.find((e) => e.subjectId === 'WO-D-1')).toMatchObject({
      type: 'dispatch.unplaced',
      data: { reason: 'noSkilledTechnician' },
    });
    await planRegionDay(input('run-2'), deps);
    expect(events.filter((e) => e.subjectId === 'WO-D-1')).toHaveLength(1);
  });

  it('a re-plan a dispatcher asked for notes its changes with that dispatcher and the reason', async () => {
    const { deps, events } = world([booked(1, 1), booked(2, 39)]);
    await planRegionDay({ ...input('run-1'), trigger: 'onDemand', requestedBy: 'dispatcher-7' }, deps);
    expect(events).toHaveLength(2);
    for (const event of events) {
      expect(event.actor).toEqual({ kind: 'ops', id: 'dispatcher-7' });
      expect(event.data).toMatchObject({ trigger: 'onDemand' });
      expect(event.summary).toContain('(a re-plan requested by dispatch)');
    }
  });

  it('an empty day and a region without technicians answer with counts, never a crash', async () => {
    const empty = world([]);
    expect(await planRegionDay(input('run-1'), empty.deps)).toMatchObject({
      visits: 0,
      routed: 0,
      unplaced: 0,
    });
    const none = world([booked(1, 1)]);
    const deps = { ...none.deps, techniciansIn: async () => [] };
    expect(await planRegionDay(input('run-1'), deps)).toMatchObject({ visits: 1, routed: 0, unplaced: 1 });
  });
});
