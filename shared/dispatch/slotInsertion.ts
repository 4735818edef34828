import type { GeoPoint } from '../common/geo';
import type { DayInput, PlanVisit } from './dayInput';
import type { DayPlan } from './dayPlan';
import { routingProblem, workingDays, type Candidate } from './planDay';
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
 * anyone else: the check behind every slot offer. It builds only the legs it reads — each route's
 * consecutive legs and the new visit to and from every stop — so one check stays far below the cost of
 * a full travel matrix. The plan's routes and pins are kept as they are; the same rules as the
 * planner apply (windows, shifts, breaks, skills, visit limit), because it is the planner's RouteState.
 */
export function slotFit(
  day: DayInput,
  plan: DayPlan,
  visit: PlanVisit,
  legMinutes: (from: GeoPoint, to: GeoPoint) => number,
): SlotFit {
  const duration = day.workTypeMinutes[visit.workType];
  if (duration === undefined) return { fits: false };
  const others = day.visits.filter((v) => v.id !== visit.id);
  const input: DayInput = { ...day, visits: [...others, visit] };
  const { working } = workingDays(input);
  const techCount = input.technicians.length;
  const L = 2 * techCount + input.visits.length;
  const points = [
    ...input.technicians.flatMap((t) => [t.start, t.end]),
    ...input.visits.map((v) => v.location),
  ];
  const byId = new Map(input.visits.map((v, k) => [v.id, k]));
  const jobs: Candidate[] = [];
  const jobOf = new Map<string, number>();
  const add = (visitIndex: number): number => {
    const known = input.visits[visitIndex]!;
    jobOf.set(known.id, jobs.length);
    jobs.push({ visit: known, visitIndex, duration: input.workTypeMinutes[known.workType] ?? 0 });
    return jobs.length - 1;
  };
  const vehicleOf = new Map(working.map((w, v) => [w.technician.id, v]));
  const routes: number[][] = working.map(() => []);
  for (const route of plan.routes) {
    const v = vehicleOf.get(route.technicianId);
    if (v === undefined) continue;
    for (const stop of route.stops) {
      const k = byId.get(stop.visitId);
      if (k !== undefined && k < others.length) routes[v]!.push(add(k));
    }
  }
  const newJob = add(input.visits.length - 1);
  const minutes = new Float64Array(L * L);
  const set = (a: number, b: number): void => {
    minutes[a * L + b] = legMinutes(points[a]!, points[b]!);
  };
  const at = 2 * techCount + input.visits.length - 1;
  working.forEach((w, v) => {
    const chain = [
      2 * w.index,
      ...routes[v]!.map((j) => 2 * techCount + jobs[j]!.visitIndex),
      2 * w.index + 1,
    ];
    for (let k = 0; k < chain.length; k++) {
      if (k + 1 < chain.length) set(chain[k]!, chain[k + 1]!);
      if (k + 1 < chain.length) set(chain[k]!, at);
      if (k > 0) set(at, chain[k]!);
    }
  });
  const travel: TravelMatrix = { origins: L, destinations: L, minutes };
  const pinned = working.map((_, v) => {
    const route = routes[v]!;
    let count = 0;
    while (count < route.length && jobs[route[count]!]!.visit.pin !== undefined) count++;
    return route.slice(0, count);
  });
  const state = new RouteState(routingProblem(input, travel, working, jobs, pinned));
  working.forEach((_, v) => state.assign(v, routes[v]!));
  const best: Insertion = { cost: Infinity, vehicle: -1, position: -1 };
  const rng = seededRandom(1);
  for (let v = 0; v < working.length; v++) state.bestInsertion(newJob, v, 0, rng, best);
  if (best.vehicle < 0) return { fits: false };
  return {
    fits: true,
    technicianId: working[best.vehicle]!.technician.id,
    position: best.position,
    extraTravelMinutes: Math.round(best.cost * 100) / 100,
  };
}
