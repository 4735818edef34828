import { clockMinutes as minutesOfDay } from './clockMinutes';
import type { GeoPoint } from '../common/geo';
import type { Weekday } from '../technicians/technician';
import type { DayInput, PlanTechnician, PlanVisit, VisitPriority } from './dayInput';
import type { DayPlan, PlannedRoute, UnplacedReason } from './dayPlan';
import { searchRoutes } from './routeSearch';
import type { RoutingProblem } from './routingProblem';
import { RouteState, type Insertion } from './routeState';
import { seededRandom } from './random';
import type { TravelMatrix } from './travelTime';

export interface PlanOptions {
  readonly seed: number;
  readonly timeLimitMs?: number;
  readonly maxIterations?: number;
  readonly now?: () => number;
}

const weekdays: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Booked visits first: an urgent one outweighs several normal ones, never the other way round. */
const priorityWeight: Record<VisitPriority, number> = { normal: 1, high: 3, urgent: 9 };
const pinOrder = { onSite: 0, enRoute: 1, dispatched: 2 } as const;
/** Balance is the last objective: a minute of travel saved is worth a hundred of evened-out days. */
const BALANCE_WEIGHT = 0.01;
/** Until everything fits, at most half the budget goes to packing; the rest to travel. */
const FLEET_SHARE = 0.5;

/** Every point of the day in the order `planDay` reads the matrix: each technician's start and end, then each visit. */
export function dayLocations(input: DayInput): GeoPoint[] {
  return [...input.technicians.flatMap((t) => [t.start, t.end]), ...input.visits.map((v) => v.location)];
}

export const weekdayOf = (date: string): Weekday => weekdays[new Date(`${date}T12:00:00Z`).getUTCDay()]!;

/** A working technician of the day: shift in minutes, breaks (and partial absences) as blocked intervals. */
export interface WorkingDay {
  readonly technician: PlanTechnician;
  readonly index: number;
  readonly shiftStart: number;
  readonly shiftEnd: number;
  readonly blocked: readonly (readonly [number, number])[];
}

export function workingDays(input: DayInput): { working: WorkingDay[]; absent: Set<string> } {
  const weekday = weekdayOf(input.date);
  const working: WorkingDay[] = [];
  const absent = new Set<string>();
  input.technicians.forEach((technician, index) => {
    const shift = technician.shifts[weekday];
    if (shift === null || shift === undefined) {
      absent.add(technician.id);
      return;
    }
    const shiftStart = minutesOfDay(shift.start);
    const shiftEnd = minutesOfDay(shift.end);
    const absences = technician.absences.map((a) => [minutesOfDay(a.start), minutesOfDay(a.end)] as const);
    if (shiftEnd <= shiftStart || absences.some(([from, to]) => from <= shiftStart && to >= shiftEnd)) {
      absent.add(technician.id);
      return;
    }
    const blocked = [
      ...technician.breaks.map((b) => [minutesOfDay(b.start), minutesOfDay(b.end)] as const),
      ...absences,
    ]
      .filter(([from, to]) => to > from && to > shiftStart && from < shiftEnd)
      .sort((a, b) => a[0] - b[0]);
    working.push({ technician, index, shiftStart, shiftEnd, blocked });
  });
  return { working, absent };
}

export const hasSkills = (technician: PlanTechnician, visit: PlanVisit): boolean =>
  visit.skills.every((skill) => technician.skills.includes(skill));

export interface Candidate {
  readonly visit: PlanVisit;
  readonly visitIndex: number;
  readonly duration: number;
}

/** The region-day as a routing problem over the given visits; vehicles are the working technicians. */
export function routingProblem(
  input: DayInput,
  travel: TravelMatrix,
  working: readonly WorkingDay[],
  jobs: readonly Candidate[],
  pinned: readonly (readonly number[])[],
): RoutingProblem {
  const V = working.length;
  const n = jobs.length;
  const techCount = input.technicians.length;
  const allowed = new Uint8Array(n * V);
  const pinnedSet = new Set(pinned.flat());
  jobs.forEach((job, j) => {
    working.forEach((day, v) => {
      allowed[j * V + v] = pinnedSet.has(j)
        ? pinned[v]!.includes(j)
          ? 1
          : 0
        : hasSkills(day.technician, job.visit)
          ? 1
          : 0;
    });
  });
  return {
    jobCount: n,
    vehicleCount: V,
    locationCount: travel.origins,
    travel: travel.minutes,
    jobLocation: Int32Array.from(jobs, (job) => 2 * techCount + job.visitIndex),
    jobReady: Float64Array.from(jobs, (job) => minutesOfDay(job.visit.window.start)),
    // A pinned visit is under way: being late for it does not take it off the technician.
    jobDue: Float64Array.from(jobs, (job, j) =>
      pinnedSet.has(j) ? Infinity : minutesOfDay(job.visit.window.end),
    ),
    jobService: Float64Array.from(jobs, (job) => job.duration),
    jobDemand: new Float64Array(n),
    jobWeight: Float64Array.from(jobs, (job) => priorityWeight[job.visit.priority]),
    vehicleStart: Int32Array.from(working, (day) => 2 * day.index),
    vehicleEnd: Int32Array.from(working, (day) => 2 * day.index + 1),
    vehicleShiftStart: Float64Array.from(working, (day) => day.shiftStart),
    vehicleShiftEnd: Float64Array.from(working, (day) => day.shiftEnd),
    vehicleCapacity: new Float64Array(V).fill(Infinity),
    vehicleMaxJobs: Int32Array.from(working, (day) => day.technician.maxVisits ?? 1_000_000),
    allowed,
    vehicleBreaks: working.map((day) => day.blocked),
    pinned,
    vehicleFixedCost: 0,
    balanceWeight: BALANCE_WEIGHT,
  };
}

/**
 * Plans one region-day. Visits that no technician could take even on an otherwise empty day get
 * their reason up front (in the order a dispatcher would check: work type, window, skill, presence,
 * shift length, reachability); the rest go to the search, and what it cannot fit is `dayFull`.
 * `travel` is the square matrix over `dayLocations(input)`.
 */
export function planDay(input: DayInput, travel: TravelMatrix, options: PlanOptions): DayPlan {
  const { working, absent } = workingDays(input);
  const unplaced: { visitId: string; reason: UnplacedReason }[] = [];
  const techCount = input.technicians.length;
  const leg = (from: number, to: number): number => travel.minutes[from * travel.origins + to]!;
  const vehicleOf = new Map(working.map((day, v) => [day.technician.id, v]));

  const candidates: Candidate[] = [];
  const pinnedByVehicle: { candidate: number; sequence: number; order: number }[][] = working.map(() => []);
  input.visits.forEach((visit, visitIndex) => {
    const reason = upfrontReason(visit, visitIndex);
    if (reason !== null) {
      unplaced.push({ visitId: visit.id, reason });
      return;
    }
    const duration = input.workTypeMinutes[visit.workType]!;
    if (visit.pin !== undefined) {
      pinnedByVehicle[vehicleOf.get(visit.pin.technicianId)!]!.push({
        candidate: candidates.length,
        sequence: visit.pin.sequence,
        order: pinOrder[visit.pin.status],
      });
    }
    candidates.push({ visit, visitIndex, duration });
  });

  function upfrontReason(visit: PlanVisit, visitIndex: number): UnplacedReason | null {
    const duration = input.workTypeMinutes[visit.workType];
    if (duration === undefined) return 'unknownWorkType';
    if (visit.pin !== undefined) {
      if (absent.has(visit.pin.technicianId)) return 'technicianAbsent';
      return vehicleOf.has(visit.pin.technicianId) ? null : 'pinnedTechnicianUnavailable';
    }
    if (minutesOfDay(visit.window.end) < minutesOfDay(visit.window.start)) return 'invalidWindow';
    const skilled = input.technicians.filter((t) => hasSkills(t, visit));
    if (skilled.length === 0) return 'noSkilledTechnician';
    const present = working.filter((day) => hasSkills(day.technician, visit));
    if (present.length === 0) return 'technicianAbsent';
    const at = 2 * techCount + visitIndex;
    const longEnough = present.some(
      (day) =>
        leg(2 * day.index, at) + duration + leg(at, 2 * day.index + 1) <= day.shiftEnd - day.shiftStart,
    );
    return longEnough ? null : 'shiftTooShort';
  }

  const pinned = pinnedByVehicle.map((list) =>
    [...list].sort((a, b) => a.order - b.order || a.sequence - b.sequence).map((p) => p.candidate),
  );
  // Reachability: a visit that fits no technician's day with only its pinned visits never will.
  const probe = new RouteState(routingProblem(input, travel, working, candidates, pinned));
  const rng = seededRandom(options.seed);
  const reachable: Candidate[] = [];
  const remap = new Map<number, number>();
  const insertion: Insertion = { cost: Infinity, vehicle: -1, position: -1 };
  candidates.forEach((candidate, j) => {
    if (candidate.visit.pin === undefined) {
      insertion.cost = Infinity;
      insertion.vehicle = -1;
      for (let v = 0; v < working.length; v++) probe.bestInsertion(j, v, 0, rng, insertion);
      if (insertion.vehicle < 0) {
        unplaced.push({ visitId: candidate.visit.id, reason: 'windowUnreachable' });
        return;
      }
    }
    remap.set(j, reachable.length);
    reachable.push(candidate);
  });
  const problem = routingProblem(
    input,
    travel,
    working,
    reachable,
    pinned.map((list) => list.map((j) => remap.get(j)!)),
  );
  const result =
    reachable.length === 0
      ? { routes: working.map((_, v) => [...problem.pinned[v]!]), unassigned: [] }
      : searchRoutes(problem, {
          seed: options.seed,
          fleetShare: FLEET_SHARE,
          ...(options.timeLimitMs === undefined ? {} : { timeLimitMs: options.timeLimitMs }),
          ...(options.maxIterations === undefined ? {} : { maxIterations: options.maxIterations }),
          ...(options.now === undefined ? {} : { now: options.now }),
        });
  for (const job of result.unassigned)
    unplaced.push({ visitId: reachable[job]!.visit.id, reason: 'dayFull' });

  const state = new RouteState(problem);
  const routes: PlannedRoute[] = working.map((day, v) => {
    state.assign(v, result.routes[v]!);
    return describeRoute(state, v, day, reachable, leg);
  });
  const order = new Map(input.visits.map((visit, k) => [visit.id, k]));
  unplaced.sort((a, b) => order.get(a.visitId)! - order.get(b.visitId)!);
  return {
    region: input.region,
    date: input.date,
    routes,
    unplaced,
    travelMinutes: round(routes.reduce((sum, route) => sum + route.travelMinutes, 0)),
  };
}

const round = (minutes: number): number => Math.round(minutes * 100) / 100;

export function clockTime(minutes: number): string {
  const m = Math.min(23 * 60 + 59, Math.max(0, Math.round(minutes)));
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function describeRoute(
  state: RouteState,
  v: number,
  day: WorkingDay,
  jobs: readonly Candidate[],
  leg: (from: number, to: number) => number,
): PlannedRoute {
  const route = state.routes[v]!;
  const p = state.problem;
  let at = p.vehicleStart[v]!;
  let depart = day.shiftStart;
  let travel = 0;
  const stops = route.map((job, k) => {
    const to = p.jobLocation[job]!;
    const minutes = leg(at, to);
    travel += minutes;
    const start = state.startTimes[v]![k]!;
    const stop = {
      visitId: jobs[job]!.visit.id,
      arrival: clockTime(depart + minutes),
      start: clockTime(start),
      end: clockTime(start + p.jobService[job]!),
      travelMinutes: round(minutes),
      pinned: k < state.pinnedCount[v]!,
    };
    depart = start + p.jobService[job]!;
    at = to;
    return stop;
  });
  const back = route.length === 0 ? 0 : leg(at, p.vehicleEnd[v]!);
  return {
    technicianId: day.technician.id,
    stops,
    travelMinutes: round(travel + back),
    workMinutes: round(state.workTime[v]!),
    returnTravelMinutes: round(back),
  };
}
