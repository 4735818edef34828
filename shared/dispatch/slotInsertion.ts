import type { GeoPoint } from '../common/geo';
import { clockMinutes as minutesOfDay } from './clockMinutes';
import type { DayInput, PlanTechnician, PlanVisit } from './dayInput';
import type { DayPlan, PlannedStop } from './dayPlan';
import { hasSkills, routingProblem, weekdayOf, workingDays, type Candidate } from './planDay';
import { seededRandom } from './random';
import { RouteState, type Insertion } from './routeState';
import type { TravelMatrix } from './travelTime';

export type SlotFit =
  | {
      readonly fits: true;
      readonly technicianId: string;
      readonly position: number;
      readonly extraTravelMinutes: number;
    }
  | { readonly fits: false };

/**
 * Whether `visit` (its window set to the slot offered) can join the day's stored plan without moving
 * anyone else: the check behind every slot offer. Each skilled technician's route is checked on its
 * own, as a one-vehicle problem over just its stops and the new visit, so a check costs a few hundred
 * legs instead of a region-wide travel matrix. The rules are the planner's (same RouteState):
 * windows, shifts, breaks, absences, skills, visit limit, pins. An offer only needs to know that
 * some technician can (`want: 'any'` stops at the first); booking wants the cheapest.
 */
export function slotFit(
  day: DayInput,
  plan: DayPlan,
  visit: PlanVisit,
  legMinutes: (from: GeoPoint, to: GeoPoint) => number,
  want: 'cheapest' | 'any' = 'cheapest',
): SlotFit {
  const duration = day.workTypeMinutes[visit.workType];
  if (duration === undefined) return { fits: false };
  const visits = new Map(day.visits.map((v) => [v.id, v]));
  const routes = new Map(plan.routes.map((route) => [route.technicianId, route]));
  const rng = seededRandom(1);
  let best: { technicianId: string; position: number; cost: number } | null = null;
  for (const technician of day.technicians) {
    if (!hasSkills(technician, visit)) continue;
    const stops = (routes.get(technician.id)?.stops ?? [])
      .map((stop) => visits.get(stop.visitId))
      .filter((v): v is PlanVisit => v !== undefined && v.id !== visit.id);
    const planned = routes.get(technician.id)?.stops ?? [];
    if (!mightReach(technician, planned, stops, visit, duration, day.date, legMinutes)) continue;
    const one: DayInput = { ...day, technicians: [technician], visits: [...stops, visit] };
    const { working } = workingDays(one);
    if (working.length === 0) continue;
    const points = [technician.start, technician.end, ...one.visits.map((v) => v.location)];
    const L = points.length;
    const minutes = new Float64Array(L * L);
    // Only the legs the check reads: along the route, and to and from the new visit.
    const fill = (a: number, b: number): void => {
      minutes[a * L + b] = legMinutes(points[a]!, points[b]!);
    };
    const chain = [0, ...stops.map((_, k) => k + 2), 1];
    const at = L - 1;
    for (let k = 0; k + 1 < chain.length; k++) {
      fill(chain[k]!, chain[k + 1]!);
      fill(chain[k]!, at);
      fill(at, chain[k + 1]!);
    }
    const travel: TravelMatrix = { origins: L, destinations: L, minutes };
    const jobs: Candidate[] = one.visits.map((v, visitIndex) => ({
      visit: v,
      visitIndex,
      duration: day.workTypeMinutes[v.workType] ?? 0,
    }));
    let pinnedCount = 0;
    while (pinnedCount < stops.length && stops[pinnedCount]!.pin !== undefined) pinnedCount++;
    const pinned = [Array.from({ length: pinnedCount }, (_, k) => k)];
    const state = new RouteState(routingProblem(one, travel, working, jobs, pinned));
    state.assign(
      0,
      stops.map((_, k) => k),
    );
    const insertion: Insertion = { cost: Infinity, vehicle: -1, position: -1 };
    if (
      state.bestInsertion(stops.length, 0, 0, rng, insertion) &&
      (best === null || insertion.cost < best.cost)
    ) {
      best = { technicianId: technician.id, position: insertion.position, cost: insertion.cost };
      if (want === 'any') break;
    }
  }
  if (best === null) return { fits: false };
  return {
    fits: true,
    technicianId: best.technicianId,
    position: best.position,
    extraTravelMinutes: Math.round(best.cost * 100) / 100,
  };
}

/**
 * A cheap necessary condition, from the plan's stored times (whole minutes, so a minute of slack):
 * some gap in the route — between shift start or a stop's end and the next stop, or the shift end —
 * where the vehicle reaches the new visit inside its window and can still get to the next stop before
 * that stop's window closes. Most technicians of a region fail it and skip the exact check.
 */
function mightReach(
  technician: PlanTechnician,
  planned: readonly PlannedStop[],
  stops: readonly PlanVisit[],
  visit: PlanVisit,
  duration: number,
  date: string,
  legMinutes: (from: GeoPoint, to: GeoPoint) => number,
): boolean {
  const shift = technician.shifts[weekdayOf(date)];
  if (shift === null || shift === undefined) return false;
  if (technician.maxVisits !== undefined && stops.length >= technician.maxVisits) return false;
  const ends = new Map(planned.map((stop) => [stop.visitId, minutesOfDay(stop.end)]));
  const windowStart = minutesOfDay(visit.window.start);
  const windowEnd = minutesOfDay(visit.window.end) + 1;
  for (let k = 0; k <= stops.length; k++) {
    const prev = k === 0 ? technician.start : stops[k - 1]!.location;
    const depart = k === 0 ? minutesOfDay(shift.start) : ends.get(stops[k - 1]!.id)!;
    const arrival = depart + legMinutes(prev, visit.location);
    if (arrival > windowEnd) return false;
    const next = k === stops.length ? technician.end : stops[k]!.location;
    const due = k === stops.length ? minutesOfDay(shift.end) : minutesOfDay(stops[k]!.window.end);
    if (Math.max(arrival, windowStart) + duration + legMinutes(visit.location, next) <= due + 1) return true;
  }
  return false;
}
