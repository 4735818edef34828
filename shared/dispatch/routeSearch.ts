import type { Random } from './random';
import { seededRandom } from './random';
import { insertByEjection } from './ejection';
import { LocalSearch } from './localSearch';
import { regretInsertion } from './regretInsertion';
import type { RoutingProblem } from './routingProblem';
import { RouteState, type Insertion } from './routeState';

export interface SearchOptions {
  readonly seed: number;
  /** Wall-clock budget. With only this, the plan depends on how many iterations the machine managed. */
  readonly timeLimitMs?: number;
  /** Iteration budget; with a seed this makes the plan reproducible bit for bit. */
  readonly maxIterations?: number;
  /** Share of the budget the fleet phase may take before cost optimisation starts anyway. */
  readonly fleetShare?: number;
  readonly now?: () => number;
}

export interface SearchResult {
  /** Per vehicle, the jobs in visiting order (pinned ones first). */
  readonly routes: readonly (readonly number[])[];
  readonly unassigned: readonly number[];
  readonly travel: number;
  readonly iterations: number;
  /** Iteration at which every job was first placed; -1 if never (0 when construction placed all). */
  readonly placedAt: number;
}

/** SISR's published defaults: about ten customers removed, strings of at most ten. */
const AVERAGE_REMOVED = 10;
const MAX_STRING = 10;
const BLINK_RATE = 0.01;
/** Iterations between two looks at the clock (a power of two). */
const CHECK_IN = 64;
/**
 * Share of fleet-phase iterations that are an ejection step (the rest are SISR's ruin and recreate).
 * Measured on R104, R112 and RC106 at 60 000 iterations, three seeds: the even mix placed every
 * customer in 6 of 9 runs, SISR's moves alone (with single ejections) in 5.
 */
const EAMA_RATE = 0.5;
/**
 * Temperatures in units of the constructed solution's mean leg, so an instance in minutes and one in
 * kilometres, short days and long horizons anneal alike. Cooler than SISR's 100 → 1 (on Solomon's
 * legs of about ten, this is 10 → 0.1): those suit its millions of iterations; within a ten-second
 * budget in JavaScript a cooler schedule converges where the hotter one is still wandering.
 */
const START_TEMPERATURE = 1;
const END_TEMPERATURE = 0.01;
/**
 * In the cost phase a left-out job costs a few mean legs per unit of weight, not more than any detour:
 * a ruin that cannot put every job back may be accepted, so the search crosses the infeasible ground
 * between two tight solutions instead of freezing in the first. Measured on R103, R105, R107, R109,
 * RC103 and RC107 (10 s): with the strict penalty one or two of them stuck 8–14 % above best-known.
 * The factor adapts every `PENALTY_PERIOD` iterations: × `PENALTY_STEP` when the current solution
 * was short of the best's jobs in more than `PENALTY_HIGH` of them, ÷ when in fewer than
 * `PENALTY_LOW`, never below `MIN_PENALTY` (below two legs, dropping a job would pay by itself).
 * The answer is still chosen by left-out weight first.
 */
const SOFT_PENALTY = 3;
const MIN_PENALTY = 2;
const PENALTY_PERIOD = 128;
const PENALTY_HIGH = 0.3;
const PENALTY_LOW = 0.1;
const PENALTY_STEP = 1.25;
/**
 * Share of cost-phase iterations that, while jobs are out, try the ejection step instead of a ruin:
 * a short solution that no ruin can complete (R109 at eleven vehicles held one job out for 500 000
 * iterations) is completed by making room, not by luck. 0.3 brought R109 from 13 % to 0.6 %. An
 * ejection step costs some ten ruins, and at 200 customers the ruins are what is short: measured at
 * 10 s, seeds 1 and 2, 0.1 against 0.3 gave RC1_2_1 3834 against 4018 and R1_2_1 4839 against 4864,
 * and the same on R107, R109, RC103 and RC107 (within 0.1 %).
 */
const COST_EJECTION_RATE = 0.1;
/**
 * Ejection steps in the cost phase start only once the current solution has been short for this many
 * iterations in a row, per job: an ejection step is kept whatever it does to travel, and most short
 * solutions are completed by the next few ruins anyway. Ejecting at once let travel drift: on RC1_2_1
 * (18 vehicles, 10 s) the current solution ran 300 to 700 above the best even at a tenth of the
 * start temperature, and restarts from the best were all that brought it back. Seeds 1–4: 3651,
 * 3702, 3719, 3722 against 3748, 3804, 3801, 3744 ejecting at once (1 per job: 3758, 3762).
 */
const SHORT_BEFORE_EJECTION = 10;
/**
 * Cost-phase candidates whose cost after the ruin and recreate lies within this many mean legs of the
 * current solution's are polished by the granular local search (`localSearch.ts`, each job tried
 * next to its `GRANULARITY` nearest) before the annealing test; the others would be rejected anyway,
 * and polishing every candidate halved the iterations for nothing (RC1_2_1, 10 s: 465 000 plain,
 * 180 000 polishing all, 290 000 polishing within one leg).
 */
const POLISH_WITHIN = 1;
const GRANULARITY = 10;
/** Iterations without a better solution, per job, after which the search goes back to the best. */
const RESTART_PER_JOB = 100;

/**
 * Ruin and recreate in the manner of SISR (Christiaens & Vanden Berghe, 2020): remove a few strings of
 * consecutive jobs from routes near a random seed job, put them back by cheapest insertion with
 * "blinks" (each position skipped with a small probability), and accept by simulated annealing.
 *
 * Two phases. While jobs are unassigned (the fleet is short), each iteration is either SISR's fleet
 * minimisation (a ruin around the jobs left out, accepted when it leaves out fewer, or jobs that were
 * absent less often) or a step of Nagata & Bräysy's route minimisation (`fleetStep`: place one job
 * from the pool, ejecting up to three easier ones if need be, then perturb). Once everything is
 * placed, or the fleet share of the budget is spent, it anneals on cost from the best solution so
 * far: unassigned weight × a soft, adaptive penalty, then travel, then the balance of working time;
 * while jobs are out some iterations are ejection steps, and a long stall restarts from the best. The
 * answer is the best by unassigned weight first, then cost without the penalty.
 */
export function searchRoutes(problem: RoutingProblem, options: SearchOptions): SearchResult {
  const rng = seededRandom(options.seed);
  const now = options.now ?? (() => performance.now());
  const started = now();
  const budget = options.timeLimitMs ?? Infinity;
  const maxIterations = options.maxIterations ?? Infinity;
  const fleetShare = options.fleetShare ?? 0.6;
  if (budget === Infinity && maxIterations === Infinity)
    throw new Error('searchRoutes needs a time or iteration budget');

  const neighbours = nearestJobs(problem);
  const startDistance = distanceFromStarts(problem);
  const hardPenalty = unassignedPenalty(problem);
  let penalty = hardPenalty;

  const current = new RouteState(problem);
  const free = allFreeJobs(problem);
  let currentOut = regretInsertion(current, free);
  const candidate = new RouteState(problem);
  const polish = new LocalSearch(candidate, neighbours, GRANULARITY);
  for (let v = 0; v < problem.vehicleCount; v++) candidate.copyRoute(current, v);

  const absences = new Float64Array(problem.jobCount);
  const costOf = (state: RouteState, out: readonly number[]): number =>
    penalty * weightOf(problem, out) + placedCost(state);

  const leg = meanLeg(current);
  let softFactor = SOFT_PENALTY;
  let shortIterations = 0;
  const softPenalty = (): number => Math.min(hardPenalty, softFactor * leg);
  let currentCost = costOf(current, currentOut);
  let best = snapshot(current, currentOut);
  let fleetPhase = currentOut.length > 0;
  let placedAt = fleetPhase ? -1 : 0;
  const touched = new Uint8Array(problem.vehicleCount);
  let iteration = 0;
  let elapsed = 0;
  let bestAt = 0;
  let softened = false;
  /** Cost-phase iterations in a row that began with jobs out. */
  let shortRun = 0;
  for (; iteration < maxIterations; iteration++) {
    // The clock is read at fixed check-in points and its share of the budget rounded to a thousandth,
    // so on an idle machine the same seed and budget usually meet the same schedule and the same plan;
    // only an iteration budget makes that certain.
    if ((iteration & (CHECK_IN - 1)) === 0) {
      elapsed = now() - started;
      if (elapsed >= budget) break;
    }
    const progress = Math.max(Math.floor((1000 * elapsed) / budget) / 1000, iteration / maxIterations);
    if (fleetPhase && progress >= fleetShare) {
      // Out of fleet time: anneal on from the solution that left out the least.
      fleetPhase = false;
      for (let v = 0; v < problem.vehicleCount; v++) {
        current.assign(v, best.routes[v]!);
        candidate.copyRoute(current, v);
      }
      currentOut = [...best.out];
    }
    if (!fleetPhase && !softened) {
      softened = true;
      penalty = softPenalty();
      currentCost = costOf(current, currentOut);
      bestAt = iteration;
    }

    touched.fill(0);
    if (fleetPhase) {
      if (rng.next() < EAMA_RATE) {
        currentOut = fleetStep(candidate, currentOut, absences, rng, touched);
        commit(current, candidate, touched);
        // Perturb (Nagata & Bräysy): a ruin and recreate that must put every job back, kept whatever
        // it does to travel, so the next ejection search meets different routes.
        touched.fill(0);
        const removed = ruin(candidate, neighbours, [], rng, touched);
        order(removed, problem, startDistance, rng, null);
        if (recreate(candidate, removed, rng, touched).length === 0) commit(current, candidate, touched);
        else commit(candidate, current, touched);
      } else {
        // SISR's fleet minimisation: a ruin around the jobs left out, accepted when it leaves out
        // fewer, or jobs that were out less often; the counters steer towards the hard ones.
        const removed = ruin(candidate, neighbours, currentOut, rng, touched);
        const pending = [...currentOut, ...removed];
        order(pending, problem, startDistance, rng, absences);
        const out = recreate(candidate, pending, rng, touched);
        const accept =
          out.length < currentOut.length || absenceSum(absences, out) <= absenceSum(absences, currentOut);
        for (const job of currentOut) absences[job]!++;
        if (accept) {
          commit(current, candidate, touched);
          currentOut = out;
        } else {
          commit(candidate, current, touched);
        }
      }
      currentCost = costOf(current, currentOut);
      if (currentOut.length === 0) {
        fleetPhase = false;
        if (placedAt < 0) placedAt = iteration + 1;
      }
      if (better(current, currentOut, best)) best = snapshot(current, currentOut);
      continue;
    }
    shortRun = currentOut.length > 0 ? shortRun + 1 : 0;
    if (shortRun > SHORT_BEFORE_EJECTION * problem.jobCount && rng.next() < COST_EJECTION_RATE) {
      currentOut = fleetStep(candidate, currentOut, absences, rng, touched);
      commit(current, candidate, touched);
      currentCost = costOf(current, currentOut);
      if (better(current, currentOut, best)) {
        best = snapshot(current, currentOut);
        bestAt = iteration;
      }
    } else {
      const removed = ruin(candidate, neighbours, [], rng, touched);
      const pending = [...currentOut, ...removed];
      order(pending, problem, startDistance, rng, null);
      const out = recreate(candidate, pending, rng, touched);
      let candidateCost = costOf(candidate, out);
      if (candidateCost < currentCost + POLISH_WITHIN * leg) {
        polish.run(touched, touched);
        candidateCost = costOf(candidate, out);
      }
      // The schedule runs on the whole budget: a cost phase that starts late starts cool, and
      // polishes what the fleet phase found instead of wandering off with little time left.
      const temperature =
        leg * START_TEMPERATURE * Math.pow(END_TEMPERATURE / START_TEMPERATURE, Math.min(1, progress));
      if (candidateCost < currentCost - temperature * Math.log(rng.next())) {
        commit(current, candidate, touched);
        currentOut = out;
        currentCost = candidateCost;
        if (currentOut.length === 0 && placedAt < 0) placedAt = iteration + 1;
        if (better(current, currentOut, best)) {
          best = snapshot(current, currentOut);
          bestAt = iteration;
        }
      } else {
        commit(candidate, current, touched);
      }
    }
    if (iteration - bestAt > RESTART_PER_JOB * problem.jobCount) {
      // Stuck (often short of a job the best had): go back to the best and anneal from there.
      bestAt = iteration;
      for (let v = 0; v < problem.vehicleCount; v++) {
        current.assign(v, best.routes[v]!);
        candidate.copyRoute(current, v);
      }
      currentOut = [...best.out];
      currentCost = costOf(current, currentOut);
    }
    if (weightOf(problem, currentOut) > best.outWeight) shortIterations++;
    if ((iteration + 1) % PENALTY_PERIOD === 0) {
      const share = shortIterations / PENALTY_PERIOD;
      shortIterations = 0;
      if (share > PENALTY_HIGH) softFactor = Math.min(hardPenalty / leg, softFactor * PENALTY_STEP);
      else if (share < PENALTY_LOW) softFactor = Math.max(MIN_PENALTY, softFactor / PENALTY_STEP);
      penalty = softPenalty();
      currentCost = costOf(current, currentOut);
    }
  }
  return { routes: best.routes, unassigned: best.out, travel: best.travel, iterations: iteration, placedAt };
}

/** Copies the routes marked in `touched` from `from` into `into`. */
function commit(into: RouteState, from: RouteState, touched: Uint8Array): void {
  for (let v = 0; v < touched.length; v++) if (touched[v] === 1) into.copyRoute(from, v);
}

/**
 * One step of route minimisation in the manner of Nagata & Bräysy's EAMA: take the heaviest job out
 * of the pool (the latest one among equals, so a job just ejected is retried at once), place it at
 * its cheapest feasible position, or else make room by ejecting up to three jobs of lighter or equal
 * weight that have been out least often. Returns the new pool; routes changed are marked in `touched`.
 */
function fleetStep(
  state: RouteState,
  pool: readonly number[],
  absences: Float64Array,
  rng: Random,
  touched: Uint8Array,
): number[] {
  const p = state.problem;
  let pick = pool.length - 1;
  for (let k = pool.length - 2; k >= 0; k--) if (p.jobWeight[pool[k]!]! > p.jobWeight[pool[pick]!]!) pick = k;
  const job = pool[pick]!;
  const rest = pool.filter((_, k) => k !== pick);
  const into: Insertion = { cost: Infinity, vehicle: -1, position: -1 };
  for (let v = 0; v < p.vehicleCount; v++) state.bestInsertion(job, v, 0, rng, into);
  if (into.vehicle >= 0) {
    state.insert(job, into.vehicle, into.position);
    touched[into.vehicle] = 1;
    return rest;
  }
  absences[job]!++;
  const ejected = insertByEjection(state, job, absences, p.jobWeight[job]!);
  if (ejected === null) return [job, ...rest];
  touched[state.routeOf[job]!] = 1;
  return [...rest, ...ejected];
}

interface Snapshot {
  readonly routes: number[][];
  readonly out: number[];
  /** `placedCost`: comparable across penalty changes. */
  readonly cost: number;
  readonly travel: number;
  readonly outWeight: number;
}

/** Fixed cost, travel and balance: the objective after left-out weight, whatever the penalty is. */
function placedCost(state: RouteState): number {
  const p = state.problem;
  return (
    p.vehicleFixedCost * state.usedVehicles() + state.totalTravel() + p.balanceWeight * state.imbalance()
  );
}

function snapshot(state: RouteState, out: readonly number[]): Snapshot {
  return {
    routes: state.routes.map((route) => [...route]),
    out: [...out].sort((a, b) => a - b),
    cost: placedCost(state),
    travel: state.totalTravel(),
    outWeight: weightOf(state.problem, out),
  };
}

/** Less left-out weight, or as little and a lower cost; the penalty, which adapts, plays no part. */
function better(state: RouteState, out: readonly number[], best: Snapshot): boolean {
  const weight = weightOf(state.problem, out);
  if (weight !== best.outWeight) return weight < best.outWeight;
  return placedCost(state) < best.cost - 1e-9;
}

function weightOf(problem: RoutingProblem, jobs: readonly number[]): number {
  let sum = 0;
  for (const job of jobs) sum += problem.jobWeight[job]!;
  return sum;
}

function absenceSum(absences: Float64Array, jobs: readonly number[]): number {
  let sum = 0;
  for (const job of jobs) sum += absences[job]!;
  return sum;
}

function allFreeJobs(problem: RoutingProblem): number[] {
  const pinned = new Uint8Array(problem.jobCount);
  for (const route of problem.pinned) for (const job of route) pinned[job] = 1;
  const free: number[] = [];
  for (let job = 0; job < problem.jobCount; job++) if (pinned[job] === 0) free.push(job);
  return free;
}

/**
 * Travel of the constructed solution per leg driven (a job's arrival or a vehicle's return); the mean
 * of the matrix when nothing was placed or nothing travels, and never zero, so temperatures and the
 * soft penalty stay positive.
 */
function meanLeg(state: RouteState): number {
  let legs = 0;
  for (const route of state.routes) if (route.length > 0) legs += route.length + 1;
  const travel = state.totalTravel();
  if (legs > 0 && travel > 0) return travel / legs;
  const matrix = state.problem.travel;
  let sum = 0;
  for (let k = 0; k < matrix.length; k++) sum += matrix[k]!;
  return Math.max(sum / Math.max(1, matrix.length), 1e-6);
}

/** More than any detour can cost, so one more placed job always beats any saving in travel. */
function unassignedPenalty(problem: RoutingProblem): number {
  let max = 0;
  for (let k = 0; k < problem.travel.length; k++) max = Math.max(max, problem.travel[k]!);
  return 4 * max + 1;
}

function nearestJobs(problem: RoutingProblem): Int32Array[] {
  const n = problem.jobCount;
  const L = problem.locationCount;
  const result: Int32Array[] = [];
  const others = Array.from({ length: n }, (_, k) => k);
  for (let job = 0; job < n; job++) {
    const from = problem.jobLocation[job]!;
    const key = new Float64Array(n);
    for (let k = 0; k < n; k++) key[k] = problem.travel[from * L + problem.jobLocation[k]!]!;
    key[job] = -1;
    result.push(Int32Array.from([...others].sort((a, b) => key[a]! - key[b]! || a - b)));
  }
  return result;
}

function distanceFromStarts(problem: RoutingProblem): Float64Array {
  const L = problem.locationCount;
  const out = new Float64Array(problem.jobCount).fill(Infinity);
  for (let v = 0; v < problem.vehicleCount; v++) {
    const from = problem.vehicleStart[v]!;
    for (let job = 0; job < problem.jobCount; job++) {
      out[job] = Math.min(out[job]!, problem.travel[from * L + problem.jobLocation[job]!]!);
    }
  }
  return out;
}

/** Removes strings of consecutive unpinned jobs from routes around a random seed job. */
function ruin(
  state: RouteState,
  neighbours: readonly Int32Array[],
  focus: readonly number[],
  rng: Random,
  touched: Uint8Array,
): number[] {
  const p = state.problem;
  let assigned = 0;
  let used = 0;
  for (let v = 0; v < p.vehicleCount; v++) {
    const free = state.routes[v]!.length - state.pinnedCount[v]!;
    if (free > 0) {
      assigned += free;
      used++;
    }
  }
  const removed: number[] = [];
  if (assigned === 0) return removed;
  const maxString = Math.min(MAX_STRING, assigned / used);
  const maxStrings = (4 * AVERAGE_REMOVED) / (1 + maxString) - 1;
  const strings = Math.floor(rng.next() * maxStrings) + 1;
  const seed = focus.length > 0 && rng.next() < 0.5 ? focus[rng.below(focus.length)]! : rng.below(p.jobCount);
  const around = neighbours[seed]!;
  let ruined = 0;
  for (let k = -1; k < around.length && ruined < strings; k++) {
    const job = k < 0 ? seed : around[k]!;
    const v = state.routeOf[job]!;
    if (v < 0 || touched[v] === 1) continue;
    const route = state.routes[v]!;
    const first = state.pinnedCount[v]!;
    const position = route.indexOf(job);
    if (position < first) continue;
    const removable = route.length - first;
    const length = Math.floor(rng.next() * Math.min(removable, maxString)) + 1;
    if (length === removable || rng.next() < 0.5) {
      const lo = Math.max(first, position - length + 1);
      const hi = Math.min(position, route.length - length);
      const from = lo + rng.below(hi - lo + 1);
      removed.push(...route.splice(from, length));
    } else {
      // Split string: cut a window of length + kept jobs, keep a run of `kept` in it.
      let kept = 1;
      while (length + kept < removable && rng.next() < 0.5) kept++;
      const window = length + kept;
      const lo = Math.max(first, position - window + 1);
      const hi = Math.min(position, route.length - window);
      const from = lo + rng.below(hi - lo + 1);
      const keepAt = from + rng.below(length + 1);
      const cut = route.splice(from, window);
      const keep = cut.splice(keepAt - from, kept);
      removed.push(...cut);
      route.splice(from, 0, ...keep);
    }
    for (const gone of removed) state.routeOf[gone] = -1;
    state.update(v);
    touched[v] = 1;
    ruined++;
  }
  return removed;
}

/** SISR's insertion orders, with narrow-window-first added for time windows. */
function order(
  jobs: number[],
  problem: RoutingProblem,
  startDistance: Float64Array,
  rng: Random,
  absences: Float64Array | null,
): void {
  const weight = problem.jobWeight;
  const byWeight = (a: number, b: number): number => weight[b]! - weight[a]!;
  const draw = rng.below(13);
  for (let k = jobs.length - 1; k > 0; k--) {
    const j = rng.below(k + 1);
    const t = jobs[k]!;
    jobs[k] = jobs[j]!;
    jobs[j] = t;
  }
  if (absences !== null && draw < 6) {
    jobs.sort((a, b) => byWeight(a, b) || absences[b]! - absences[a]!);
  } else if (draw < 4) {
    jobs.sort(byWeight);
  } else if (draw < 8) {
    jobs.sort((a, b) => byWeight(a, b) || problem.jobDemand[b]! - problem.jobDemand[a]!);
  } else if (draw < 10) {
    jobs.sort((a, b) => byWeight(a, b) || startDistance[b]! - startDistance[a]!);
  } else if (draw < 11) {
    jobs.sort((a, b) => byWeight(a, b) || startDistance[a]! - startDistance[b]!);
  } else {
    const width = (j: number): number => problem.jobDue[j]! - problem.jobReady[j]!;
    jobs.sort((a, b) => byWeight(a, b) || width(a) - width(b));
  }
}

/** Cheapest insertion with blinks; returns the jobs that fit nowhere. */
function recreate(state: RouteState, jobs: readonly number[], rng: Random, touched: Uint8Array): number[] {
  const p = state.problem;
  const out: number[] = [];
  const best: Insertion = { cost: Infinity, vehicle: -1, position: -1 };
  for (const job of jobs) {
    best.cost = Infinity;
    best.vehicle = -1;
    for (let v = 0; v < p.vehicleCount; v++) {
      state.bestInsertion(job, v, BLINK_RATE, rng, best, p.balanceWeight * state.workTime[v]!);
    }
    if (best.vehicle < 0) {
      out.push(job);
    } else {
      state.insert(job, best.vehicle, best.position);
      touched[best.vehicle] = 1;
    }
  }
  return out;
}
