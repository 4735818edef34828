import { describe, expect, it } from 'vitest';
import { moveVisit, pinVisit } from '../../shared/dispatch/boardChanges';
import type { DayPlan } from '../../shared/dispatch/dayPlan';
import type { LegMinutes } from '../../shared/dispatch/legMinutes';
import { insertVisit } from '../../shared/dispatch/routeInsertion';
import type { StoredPlan } from '../../shared/dispatch/storedPlan';
import { greatCircleMinutes } from '../../shared/dispatch/travelTime';
import { boardPage } from '../../web/console/dispatch/boardPage';
import { projection } from '../../web/console/dispatch/routeMap';
import { at, day, planDate, technician, visit } from '../dispatch/dayFixtures';

const legs: LegMinutes = (from, to) => greatCircleMinutes(from, to);
const input = day(
  [technician('T-A'), technician('T-B'), technician('T-GAS', { skills: ['gas'] })],
  [visit('AP-1'), visit('AP-2', { location: at(51.25, 4.45) })],
);

/** Both visits in T-A's route, as booking would have put them. */
function storedPlan(): StoredPlan {
  let plan: DayPlan = { region: input.region, date: planDate, routes: [], unplaced: [], travelMinutes: 0 };
  for (const v of input.visits) {
    const inserted = insertVisit(input, plan, v, legs, ['T-A']);
    if (!inserted.fits) throw new Error('fixture does not fit');
    plan = inserted.plan;
  }
  return {
    id: `PL~${input.region}~${planDate}`,
    docType: 'dayPlan',
    region: input.region,
    date: planDate,
    timeZone: 'Europe/Brussels',
    visits: input.visits.map((v) => ({ ...v, workOrderId: `WO-${v.id}`, serviceMinutes: 30 })),
    plan,
    updatedAt: '2026-12-01T10:00:00.000Z',
  };
}

const routeOf = (plan: StoredPlan, visitId: string) =>
  plan.plan.routes.find((route) => route.stops.some((stop) => stop.visitId === visitId));

describe('the board’s changes to a stored plan', () => {
  it('moves a visit into the chosen technician’s route, pinned there, and out of the old one', () => {
    const moved = moveVisit(storedPlan(), input, 'AP-1', 'T-B', legs);
    if (!moved.ok) throw new Error(moved.error);
    expect(moved.value.from).toBe('T-A');
    expect(routeOf(moved.value.plan, 'AP-1')?.technicianId).toBe('T-B');
    expect(routeOf(moved.value.plan, 'AP-1')?.stops[0]).toMatchObject({ visitId: 'AP-1', pinned: true });
    expect(moved.value.visit.pin).toEqual({ technicianId: 'T-B', status: 'dispatched', sequence: 0 });
    expect(routeOf(moved.value.plan, 'AP-2')?.stops.map((s) => s.visitId)).toEqual(['AP-2']);
  });

  it('refuses a technician without the skill, the technician it is with, and a visit under way', () => {
    const plan = storedPlan();
    expect(moveVisit(plan, input, 'AP-1', 'T-GAS', legs)).toEqual({ ok: false, error: 'infeasible' });
    expect(moveVisit(plan, input, 'AP-1', 'T-A', legs)).toEqual({ ok: false, error: 'sameTechnician' });
    expect(moveVisit(plan, input, 'AP-1', 'T-NOBODY', legs)).toEqual({
      ok: false,
      error: 'unknownTechnician',
    });
    const underWay: StoredPlan = {
      ...plan,
      visits: plan.visits.map((v) =>
        v.id === 'AP-1' ? { ...v, pin: { technicianId: 'T-A', status: 'enRoute', sequence: 1 } } : v,
      ),
    };
    expect(moveVisit(underWay, input, 'AP-1', 'T-B', legs)).toEqual({ ok: false, error: 'inProgress' });
    expect(pinVisit(underWay, 'AP-1', false)).toEqual({ ok: false, error: 'inProgress' });
  });

  it('pins a routed visit in its place and takes the pin off again', () => {
    const plan = storedPlan();
    const second = routeOf(plan, 'AP-2')!.stops.findIndex((s) => s.visitId === 'AP-2');
    const pinned = pinVisit(plan, 'AP-2', true);
    if (!pinned.ok) throw new Error(pinned.error);
    expect(pinned.value.visits.find((v) => v.id === 'AP-2')?.pin).toEqual({
      technicianId: 'T-A',
      status: 'dispatched',
      sequence: 0,
    });
    expect(routeOf(pinned.value, 'AP-2')?.stops[second]?.pinned).toBe(true);
    const unpinned = pinVisit(pinned.value, 'AP-2', false);
    if (!unpinned.ok) throw new Error(unpinned.error);
    expect(unpinned.value.visits.find((v) => v.id === 'AP-2')?.pin).toBeUndefined();
    expect(unpinned.value.plan).toEqual(plan.plan);
  });
});

describe('the board’s drawing', () => {
  it('projects the bounding box equirectangularly: north up, west left, longitude shrunk by latitude', () => {
    const { at: project } = projection([at(51, 4), at(51.5, 5)]);
    const sw = project(at(51, 4));
    const ne = project(at(51.5, 5));
    expect(ne.x).toBeGreaterThan(sw.x);
    expect(ne.y).toBeLessThan(sw.y);
    const ratio = (ne.x - sw.x) / (sw.y - ne.y);
    expect(ratio).toBeCloseTo((1 * Math.cos((51.25 * Math.PI) / 180)) / 0.5, 1);
  });

  it('lists an unassigned visit with its reason in words and draws it on the map', () => {
    const plan = storedPlan();
    const withUnplaced: StoredPlan = {
      ...plan,
      plan: {
        ...plan.plan,
        routes: plan.plan.routes.map((r) => ({ ...r, stops: r.stops.filter((s) => s.visitId !== 'AP-2') })),
        unplaced: [{ visitId: 'AP-2', reason: 'noSkilledTechnician' }],
      },
    };
    const body = boardPage(
      { identity: { userId: 'd-1', roles: ['dispatcher'] }, csrfToken: 'token' },
      {
        region: input.region,
        day: planDate,
        regions: [input.region],
        technicians: input.technicians,
        names: { 'T-A': 'Ann <A>' },
        plan: withUnplaced,
      },
    );
    expect(body).toContain('No working technician has the skills it needs');
    expect(body).toContain('Unassigned: WO-AP-2');
    expect(body).toContain('Ann &lt;A&gt;');
    expect(body).not.toContain('Ann <A>');
    expect(body).toContain('aria-label="WO-AP-1, window 08:00–12:00');
  });
});
