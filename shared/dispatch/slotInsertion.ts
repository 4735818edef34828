import type { GeoPoint } from '../common/geo';
import { clockMinutes as minutesOfDay } from './clockMinutes';
import type { DayInput, PlanVisit } from './dayInput';
import type { DayPlan } from './dayPlan';
import { hasSkills, workingDays, type WorkingDay } from './planDay';

export type SlotFit =
  | {
      readonly fits: true;
      readonly technicianId: string;
      readonly position: number;
      readonly extraTravelMinutes: number;
    }
  | { readonly fits: false };

/** The planner's slack for float comparisons (`RouteState`), so both answer the same question. */
const EPS = 1e-9;

/**
 * Whether `visit` (its window set to the slot offered) can join the day's stored plan without moving
 * anyone else: the check behind every slot offer. The rules are the planner's: windows, shifts,
 * breaks, absences, skills, visit limit, pins (nothing goes before a pinned stop; a pinned stop
 * being late does not count against the route, as in `routingProblem`).
 *
 * Per technician it is one forward pass over the route (earliest service start of each stop) and
 * then one test per gap: reach the visit before its window closes, then either rejoin the route no
 * later than the stop was planned to start (the rest of the day is then unchanged) or push the tail
 * along until it does. Travel is asked only for the legs read: along the route, and to and from the
 * new visit. The scan of a route stops at the first gap from which the visit's window is already
 * closed, since later gaps only start later. An offer only needs to know that some technician can
 * (`want: 'any'` stops at the first); booking wants the cheapest.
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
  const ready = minutesOfDay(visit.window.start);
  const due = minutesOfDay(visit.window.end);
  if (due < ready) return { fits: false };
  const { visits, working: present } = dayIndex(day);
  const routes = planIndex(plan);
  let best: { technicianId: string; position: number; cost: number } | null = null;
  for (const working of present) {
    const technician = working.technician;
    if (!hasSkills(technician, visit)) continue;
    const stops = (routes.get(technician.id)?.stops ?? [])
      .map((stop) => visits.get(stop.visitId))
      .filter((v): v is PlanVisit => v !== undefined && v.id !== visit.id);
    if (technician.maxVisits !== undefined && stops.length >= technician.maxVisits) continue;
    const fit = bestGap(working, stops, day.workTypeMinutes, { visit, duration, ready, due }, legMinutes);
    if (fit !== null && (best === null || fit.cost < best.cost)) {
      best = { technicianId: technician.id, position: fit.position, cost: fit.cost };
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
 * A region-day is offered many slots between two plans: the look-ups over its visits, technicians
 * and routes are kept per input object (weakly, so a replaced plan takes its index with it), and
 * rebuilt should a caller have changed the arrays in place since.
 */
interface DayIndex {
  readonly visitList: readonly PlanVisit[];
  readonly visitCount: number;
  readonly technicianList: DayInput['technicians'];
  readonly technicianCount: number;
  readonly visits: Map<string, PlanVisit>;
  readonly working: WorkingDay[];
}
type RouteIndex = Map<string, DayPlan['routes'][number]>;
const dayIndexes = new WeakMap<DayInput, DayIndex>();
const planIndexes = new WeakMap<DayPlan, { list: DayPlan['routes']; count: number; routes: RouteIndex }>();

function dayIndex(day: DayInput): DayIndex {
  let index = dayIndexes.get(day);
  if (
    index === undefined ||
    index.visitList !== day.visits ||
    index.visitCount !== day.visits.length ||
    index.technicianList !== day.technicians ||
    index.technicianCount !== day.technicians.length
  ) {
    index = {
      visitList: day.visits,
      visitCount: day.visits.length,
      technicianList: day.technicians,
      technicianCount: day.technicians.length,
      visits: new Map(day.visits.map((v) => [v.id, v])),
      working: workingDays(day).working,
    };
    dayIndexes.set(day, index);
  }
  return index;
}

function planIndex(plan: DayPlan): RouteIndex {
  let index = planIndexes.get(plan);
  if (index === undefined || index.list !== plan.routes || index.count !== plan.routes.length) {
    index = {
      list: plan.routes,
      count: plan.routes.length,
      routes: new Map(plan.routes.map((route) => [route.technicianId, route])),
    };
    planIndexes.set(plan, index);
  }
  return index.routes;
}

interface NewVisit {
  readonly visit: PlanVisit;
  readonly duration: number;
  readonly ready: number;
  readonly due: number;
}

/** Service start at or after `arrival` that runs clear of the blocked intervals (sorted by start). */
function serviceStart(day: WorkingDay, arrival: number, ready: number, service: number): number {
  let s = Math.max(arrival, ready);
  for (const [from, to] of day.blocked) if (s < to && s + service > from) s = to;
  return s;
}

/** The cheapest gap of one technician's route that takes the new visit, or null. */
function bestGap(
  day: WorkingDay,
  stops: readonly PlanVisit[],
  workTypeMinutes: Readonly<Record<string, number>>,
  added: NewVisit,
  legMinutes: (from: GeoPoint, to: GeoPoint) => number,
): { position: number; cost: number } | null {
  const n = stops.length;
  const service = stops.map((stop) => workTypeMinutes[stop.workType] ?? 0);
  const ready = stops.map((stop) => minutesOfDay(stop.window.start));
  // A pinned visit is under way: being late for it does not take it off the technician.
  const due = stops.map((stop) => (stop.pin === undefined ? minutesOfDay(stop.window.end) : Infinity));
  const legs: number[] = [];
  const starts: number[] = [];
  let where = day.technician.start;
  let time = day.shiftStart;
  for (let k = 0; k < n; k++) {
    const leg = legMinutes(where, stops[k]!.location);
    legs.push(leg);
    const s = serviceStart(day, time + leg, ready[k]!, service[k]!);
    starts.push(s);
    time = s + service[k]!;
    where = stops[k]!.location;
  }
  legs.push(n === 0 ? 0 : legMinutes(where, day.technician.end));

  let pinned = 0;
  while (pinned < n && stops[pinned]!.pin !== undefined) pinned++;
  let best: { position: number; cost: number } | null = null;
  for (let pos = pinned; pos <= n; pos++) {
    const prev = pos === 0 ? day.technician.start : stops[pos - 1]!.location;
    const depart = pos === 0 ? day.shiftStart : starts[pos - 1]! + service[pos - 1]!;
    const legIn = legMinutes(prev, added.visit.location);
    if (depart + legIn > added.due + EPS) break;
    const s = serviceStart(day, depart + legIn, added.ready, added.duration);
    if (s > added.due + EPS) continue;
    const next = pos === n ? day.technician.end : stops[pos]!.location;
    const legOut = legMinutes(added.visit.location, next);
    const cost = legIn + legOut - (n === 0 ? 0 : legs[pos]!);
    if (best !== null && cost >= best.cost) continue;
    if (tailFits(day, stops, service, ready, due, starts, pos, s + added.duration + legOut, legMinutes))
      best = { position: pos, cost };
  }
  return best;
}

/** Whether the route from `pos` on still fits when the technician gets to it at `arrival`. */
function tailFits(
  day: WorkingDay,
  stops: readonly PlanVisit[],
  service: readonly number[],
  ready: readonly number[],
  due: readonly number[],
  starts: readonly number[],
  pos: number,
  arrival: number,
  legMinutes: (from: GeoPoint, to: GeoPoint) => number,
): boolean {
  let time = arrival;
  for (let k = pos; k < stops.length; k++) {
    const s = serviceStart(day, time, ready[k]!, service[k]!);
    if (s > due[k]! + EPS) return false;
    if (s <= starts[k]!) return true;
    const next = k + 1 === stops.length ? day.technician.end : stops[k + 1]!.location;
    time = s + service[k]! + legMinutes(stops[k]!.location, next);
  }
  return time <= day.shiftEnd + EPS;
}
