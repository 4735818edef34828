import { err, ok, type Result } from '../result';
import type { DayInput, VisitPin } from './dayInput';
import type { DayPlan } from './dayPlan';
import type { LegMinutes } from './legMinutes';
import { insertVisit } from './routeInsertion';
import type { StoredPlan, StoredVisit } from './storedPlan';

/** Why the board refuses a change; the stored plan is then left exactly as it was. */
export type BoardRefusal =
  'unknownVisit' | 'unknownTechnician' | 'sameTechnician' | 'inProgress' | 'notRouted' | 'infeasible';

export interface BoardMoved {
  readonly plan: StoredPlan;
  readonly visit: StoredVisit;
  readonly from: string | undefined;
}

const unpinned = <V extends { readonly pin?: VisitPin | undefined }>({
  pin: _dropped,
  ...rest
}: V): Omit<V, 'pin'> => rest;

const routeOf = (plan: DayPlan, visitId: string): string | undefined =>
  plan.routes.find((route) => route.stops.some((stop) => stop.visitId === visitId))?.technicianId;

/** Only a pin the board set can be moved or taken off: en route and on site are the technician's. */
const inProgress = (visit: StoredVisit): boolean =>
  visit.pin !== undefined && visit.pin.status !== 'dispatched';

/**
 * The board's pins of each route numbered in route order, so the planner keeps the order the board
 * shows; the technician's own pins (en route, on site) keep their sequence.
 */
function renumbered(plan: StoredPlan): StoredPlan {
  const sequence = new Map<string, VisitPin>();
  for (const route of plan.plan.routes)
    route.stops
      .filter((stop) => stop.pinned)
      .forEach((stop, index) =>
        sequence.set(stop.visitId, {
          technicianId: route.technicianId,
          status: 'dispatched',
          sequence: index,
        }),
      );
  return {
    ...plan,
    visits: plan.visits.map((visit) => {
      if (visit.pin === undefined || inProgress(visit)) return visit;
      const pin = sequence.get(visit.id);
      return pin === undefined ? unpinned(visit) : { ...visit, pin };
    }),
  };
}

const withStopPinned = (plan: DayPlan, visitId: string, pinned: boolean): DayPlan => ({
  ...plan,
  routes: plan.routes.map((route) => ({
    ...route,
    stops: route.stops.map((stop) => (stop.visitId === visitId ? { ...stop, pinned } : stop)),
  })),
});

/**
 * A dispatcher's move: the visit goes into `technicianId`'s route where it costs least travel,
 * checked by the optimiser's own insertion restricted to that technician (skills, window, shift,
 * breaks, the others' windows). It comes out pinned there, so the next re-plan keeps the choice.
 */
export function moveVisit(
  stored: StoredPlan,
  day: DayInput,
  visitId: string,
  technicianId: string,
  legs: LegMinutes,
): Result<BoardMoved, BoardRefusal> {
  const visit = stored.visits.find((v) => v.id === visitId);
  if (visit === undefined) return err('unknownVisit');
  if (!day.technicians.some((t) => t.id === technicianId)) return err('unknownTechnician');
  const from = routeOf(stored.plan, visitId);
  if (from === technicianId) return err('sameTechnician');
  if (inProgress(visit)) return err('inProgress');
  // Its old pin would tie it to the technician it leaves.
  const free = { ...day, visits: day.visits.map((v) => (v.id === visitId ? unpinned(v) : v)) };
  const planVisit = free.visits.find((v) => v.id === visitId)!;
  const inserted = insertVisit(free, stored.plan, planVisit, legs, [technicianId]);
  if (!inserted.fits) return err('infeasible');
  const pin: VisitPin = { technicianId, status: 'dispatched', sequence: 0 };
  const moved = renumbered({
    ...stored,
    visits: stored.visits.map((v) => (v.id === visitId ? { ...v, pin } : v)),
    plan: withStopPinned(inserted.plan, visitId, true),
  });
  return ok({ plan: moved, visit: moved.visits.find((v) => v.id === visitId)!, from });
}

/** Pin a routed visit to its technician and place, or take the board's pin off again. */
export function pinVisit(
  stored: StoredPlan,
  visitId: string,
  pinned: boolean,
): Result<StoredPlan, BoardRefusal> {
  const visit = stored.visits.find((v) => v.id === visitId);
  if (visit === undefined) return err('unknownVisit');
  if (inProgress(visit)) return err('inProgress');
  const technicianId = routeOf(stored.plan, visitId);
  if (technicianId === undefined) return err('notRouted');
  const visits = stored.visits.map((v) => {
    if (v.id !== visitId) return v;
    return pinned ? { ...v, pin: { technicianId, status: 'dispatched' as const, sequence: 0 } } : unpinned(v);
  });
  return ok(renumbered({ ...stored, visits, plan: withStopPinned(stored.plan, visitId, pinned) }));
}

/**
 * The technician has set out for or reached a visit: from now on it is theirs, pinned where it is
 * in their route, as planning would pin it from the work order. Undefined when the plan already
 * says so or the visit is in no route (planning pins it when it next runs).
 */
export function progressPinned(
  stored: StoredPlan,
  visitId: string,
  status: 'enRoute' | 'onSite',
): StoredPlan | undefined {
  const visit = stored.visits.find((v) => v.id === visitId);
  const route = stored.plan.routes.find((r) => r.stops.some((stop) => stop.visitId === visitId));
  if (visit === undefined || route === undefined || visit.pin?.status === status) return undefined;
  const pin: VisitPin = {
    technicianId: route.technicianId,
    status,
    sequence: route.stops.findIndex((stop) => stop.visitId === visitId),
  };
  return {
    ...stored,
    visits: stored.visits.map((v) => (v.id === visitId ? { ...v, pin } : v)),
    plan: withStopPinned(stored.plan, visitId, true),
  };
}
