import type { DayInput, PlanVisit } from './dayInput';
import type { DayPlan, PlannedRoute } from './dayPlan';
import type { LegMinutes } from './legMinutes';
import { matrixOf } from './legMinutes';
import { planDay } from './planDay';
import { slotFit } from './slotInsertion';

/**
 * The times of one technician's route in a given order, by the planner's own rules (travel, windows,
 * breaks): the order is handed to `planDay` as pins, so nothing is re-ordered and nothing searched.
 * Undefined when the technician does not work that day.
 */
export function timedRoute(
  day: DayInput,
  technicianId: string,
  order: readonly string[],
  legs: LegMinutes,
): PlannedRoute | undefined {
  const technician = day.technicians.find((t) => t.id === technicianId);
  if (technician === undefined) return undefined;
  const byId = new Map(day.visits.map((visit) => [visit.id, visit]));
  const visits: PlanVisit[] = order.map((id, sequence) => ({
    ...byId.get(id)!,
    pin: { technicianId, status: 'dispatched', sequence },
  }));
  const one: DayInput = { ...day, technicians: [technician], visits };
  const route = planDay(one, matrixOf(one, legs), { seed: 1, maxIterations: 0 }).routes[0];
  if (route === undefined) return undefined;
  const pinned = new Set(order.filter((id) => byId.get(id)?.pin !== undefined));
  return { ...route, stops: route.stops.map((stop) => ({ ...stop, pinned: pinned.has(stop.visitId) })) };
}

const withRoute = (plan: DayPlan, route: PlannedRoute): DayPlan => {
  const routes = plan.routes.some((r) => r.technicianId === route.technicianId)
    ? plan.routes.map((r) => (r.technicianId === route.technicianId ? route : r))
    : [...plan.routes, route];
  return {
    ...plan,
    routes,
    travelMinutes: Math.round(routes.reduce((sum, r) => sum + r.travelMinutes, 0) * 100) / 100,
  };
};

export type Insertion =
  { readonly fits: true; readonly technicianId: string; readonly plan: DayPlan } | { readonly fits: false };

/**
 * `visit` (in `day.visits` or not) put into the day's routes where it costs least travel, without
 * moving anyone else (`slotFit`), among `technicianIds` only when given: the slot's technicians with
 * room. The technician's route is re-timed; the other routes are untouched.
 */
export function insertVisit(
  day: DayInput,
  plan: DayPlan,
  visit: PlanVisit,
  legs: LegMinutes,
  technicianIds?: readonly string[],
): Insertion {
  const allowed =
    technicianIds === undefined
      ? day
      : { ...day, technicians: day.technicians.filter((t) => technicianIds.includes(t.id)) };
  const others = day.visits.filter((v) => v.id !== visit.id);
  // A visit already in the plan (a move) first leaves its old route, which is re-timed without it.
  const cleared = removeVisit(day, plan, visit.id, legs);
  const fit = slotFit({ ...allowed, visits: others }, cleared, visit, legs, 'cheapest');
  if (!fit.fits) return { fits: false };
  const order = (cleared.routes.find((r) => r.technicianId === fit.technicianId)?.stops ?? [])
    .map((stop) => stop.visitId)
    .filter((id) => id !== visit.id);
  order.splice(fit.position, 0, visit.id);
  const route = timedRoute({ ...day, visits: [...others, visit] }, fit.technicianId, order, legs);
  if (route === undefined) return { fits: false };
  return { fits: true, technicianId: fit.technicianId, plan: withRoute(cleared, route) };
}

/** The plan without the visit: out of its route (route re-timed) and out of the unplaced list. */
export function removeVisit(day: DayInput, plan: DayPlan, visitId: string, legs: LegMinutes): DayPlan {
  const route = plan.routes.find((r) => r.stops.some((stop) => stop.visitId === visitId));
  const cleared = removedFrom(plan, visitId);
  if (route === undefined) return cleared;
  const order = route.stops.map((stop) => stop.visitId).filter((id) => id !== visitId);
  const retimed = timedRoute(
    { ...day, visits: day.visits.filter((v) => v.id !== visitId) },
    route.technicianId,
    order,
    legs,
  );
  return retimed === undefined ? cleared : withRoute(cleared, retimed);
}

function removedFrom(plan: DayPlan, visitId: string): DayPlan {
  return {
    ...plan,
    routes: plan.routes.map((route) => ({
      ...route,
      stops: route.stops.filter((stop) => stop.visitId !== visitId),
    })),
    unplaced: plan.unplaced.filter((u) => u.visitId !== visitId),
  };
}
