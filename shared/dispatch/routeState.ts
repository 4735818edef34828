import type { Random } from './random';
import type { RoutingProblem } from './routingProblem';

/** A mutable best-so-far record, reused across calls so the hot loop allocates nothing. */
export interface Insertion {
  cost: number;
  vehicle: number;
  position: number;
}

/** Slack for float comparisons; the checker in `bench/` allows more, so we never sit on its edge. */
const EPS = 1e-9;

/**
 * Routes plus, per position, the earliest service start (forward pass) and the latest service start
 * that keeps the rest of the route feasible (backward pass). With both, whether a job fits between two
 * neighbours is an O(1) question (Savelsbergh's forward/backward slack). Vehicles with breaks fall
 * back to simulating the tail of the route, since a break makes the latest start non-linear.
 */
export class RouteState {
  readonly routes: number[][];
  readonly startTimes: number[][];
  readonly latestStarts: number[][];
  readonly routeOf: Int32Array;
  readonly load: Float64Array;
  readonly cost: Float64Array;
  /** Time the vehicle is busy: from leaving its start to reaching its end. */
  readonly workTime: Float64Array;
  readonly pinnedCount: Int32Array;
  private readonly hasBreaks: Uint8Array;
  private readonly L: number;
  private readonly scratchRoute: number[] = [];
  private readonly scratchDepart: number[] = [];
  private readonly scratchLatest: number[] = [];
  private readonly scratchFit = { position: -1, cost: Infinity };

  constructor(readonly problem: RoutingProblem) {
    const V = problem.vehicleCount;
    this.L = problem.locationCount;
    this.routes = Array.from({ length: V }, (_, v) => [...(problem.pinned[v] ?? [])]);
    this.startTimes = Array.from({ length: V }, () => []);
    this.latestStarts = Array.from({ length: V }, () => []);
    this.routeOf = new Int32Array(problem.jobCount).fill(-1);
    this.load = new Float64Array(V);
    this.cost = new Float64Array(V);
    this.workTime = new Float64Array(V);
    this.pinnedCount = new Int32Array(V);
    this.hasBreaks = new Uint8Array(V);
    for (let v = 0; v < V; v++) {
      this.pinnedCount[v] = this.routes[v]!.length;
      this.hasBreaks[v] = (problem.vehicleBreaks[v]?.length ?? 0) > 0 ? 1 : 0;
      for (const job of this.routes[v]!) this.routeOf[job] = v;
      this.update(v);
    }
  }

  /** Service start at or after `arrival` that runs clear of the vehicle's breaks. */
  serviceStartAt(v: number, arrival: number, job: number): number {
    const p = this.problem;
    let s = Math.max(arrival, p.jobReady[job]!);
    if (this.hasBreaks[v] === 1) {
      const service = p.jobService[job]!;
      for (const [from, to] of p.vehicleBreaks[v]!) {
        if (s < to && s + service > from) s = to;
      }
    }
    return s;
  }

  update(v: number): void {
    const p = this.problem;
    const T = p.travel;
    const L = this.L;
    const route = this.routes[v]!;
    const starts = this.startTimes[v]!;
    const latest = this.latestStarts[v]!;
    starts.length = route.length;
    latest.length = route.length;
    let loc = p.vehicleStart[v]!;
    let time = p.vehicleShiftStart[v]!;
    let load = 0;
    let cost = 0;
    for (let k = 0; k < route.length; k++) {
      const job = route[k]!;
      const at = p.jobLocation[job]!;
      const leg = T[loc * L + at]!;
      cost += leg;
      const s = this.serviceStartAt(v, time + leg, job);
      starts[k] = s;
      time = s + p.jobService[job]!;
      load += p.jobDemand[job]!;
      loc = at;
    }
    // An idle technician travels nowhere, even when home and end differ.
    const back = route.length === 0 ? 0 : T[loc * L + p.vehicleEnd[v]!]!;
    cost += back;
    this.cost[v] = cost;
    this.load[v] = load;
    this.workTime[v] = route.length === 0 ? 0 : time + back - p.vehicleShiftStart[v]!;
    let next = p.vehicleShiftEnd[v]!;
    let nextLoc = p.vehicleEnd[v]!;
    for (let k = route.length - 1; k >= 0; k--) {
      const job = route[k]!;
      const at = p.jobLocation[job]!;
      const l = Math.min(p.jobDue[job]!, next - T[at * L + nextLoc]! - p.jobService[job]!);
      latest[k] = l;
      next = l;
      nextLoc = at;
    }
  }

  /**
   * Extra travel if `job` goes into vehicle `v`'s route before position `pos`; Infinity when that
   * breaks a window, the shift, capacity, the visit limit, skills or a pin.
   */
  insertionDelta(job: number, v: number, pos: number): number {
    const p = this.problem;
    if (pos < this.pinnedCount[v]!) return Infinity;
    const route = this.routes[v]!;
    if (route.length >= p.vehicleMaxJobs[v]!) return Infinity;
    if (p.allowed !== null && p.allowed[job * p.vehicleCount + v] === 0) return Infinity;
    if (this.load[v]! + p.jobDemand[job]! > p.vehicleCapacity[v]! + EPS) return Infinity;
    const T = p.travel;
    const L = this.L;
    const at = p.jobLocation[job]!;
    let prevLoc: number;
    let depart: number;
    if (pos === 0) {
      prevLoc = p.vehicleStart[v]!;
      depart = p.vehicleShiftStart[v]!;
    } else {
      const prev = route[pos - 1]!;
      prevLoc = p.jobLocation[prev]!;
      depart = this.startTimes[v]![pos - 1]! + p.jobService[prev]!;
    }
    const nextLoc = pos === route.length ? p.vehicleEnd[v]! : p.jobLocation[route[pos]!]!;
    const legIn = T[prevLoc * L + at]!;
    const s = this.serviceStartAt(v, depart + legIn, job);
    if (s > p.jobDue[job]! + EPS) return Infinity;
    const legOut = T[at * L + nextLoc]!;
    const arrival = s + p.jobService[job]! + legOut;
    if (this.hasBreaks[v] === 1) {
      if (!this.tailFits(v, pos, arrival)) return Infinity;
    } else {
      const latest = pos === route.length ? p.vehicleShiftEnd[v]! : this.latestStarts[v]![pos]!;
      if (arrival > latest + EPS) return Infinity;
    }
    return legIn + legOut - (route.length === 0 ? 0 : T[prevLoc * L + nextLoc]!);
  }

  /**
   * Cheapest feasible position for `job` in vehicle `v`'s route, each position skipped with probability
   * `blink`; writes into `into` and returns whether it beat `into.cost`. Positions are scanned in order
   * and the scan stops once the vehicle could no longer get to the job before its window closes: later
   * departures only get later (travel obeys the triangle inequality). `bias` is added to every
   * position's cost (the caller's way to prefer less loaded vehicles at equal travel).
   */
  bestInsertion(job: number, v: number, blink: number, rng: Random, into: Insertion, bias = 0): boolean {
    const p = this.problem;
    const route = this.routes[v]!;
    const len = route.length;
    if (len >= p.vehicleMaxJobs[v]!) return false;
    if (p.allowed !== null && p.allowed[job * p.vehicleCount + v] === 0) return false;
    if (this.load[v]! + p.jobDemand[job]! > p.vehicleCapacity[v]! + EPS) return false;
    if (this.hasBreaks[v] === 1) {
      let found = false;
      for (let pos = this.pinnedCount[v]!; pos <= len; pos++) {
        if (blink > 0 && rng.next() < blink) continue;
        const d = this.insertionDelta(job, v, pos) + bias;
        if (d < into.cost) {
          into.cost = d;
          into.vehicle = v;
          into.position = pos;
          found = true;
        }
      }
      return found;
    }
    const T = p.travel;
    const L = this.L;
    const at = p.jobLocation[job]!;
    const ready = p.jobReady[job]!;
    const due = p.jobDue[job]! + EPS;
    const service = p.jobService[job]!;
    const starts = this.startTimes[v]!;
    const latest = this.latestStarts[v]!;
    const first = this.pinnedCount[v]!;
    let prevLoc: number;
    let depart: number;
    if (first === 0) {
      prevLoc = p.vehicleStart[v]!;
      depart = p.vehicleShiftStart[v]!;
    } else {
      const prev = route[first - 1]!;
      prevLoc = p.jobLocation[prev]!;
      depart = starts[first - 1]! + p.jobService[prev]!;
    }
    const endLoc = p.vehicleEnd[v]!;
    const shiftEnd = p.vehicleShiftEnd[v]! + EPS;
    let found = false;
    for (let pos = first; pos <= len; pos++) {
      const legIn = T[prevLoc * L + at]!;
      const arrival = depart + legIn;
      if (arrival > due) break;
      const nextLoc = pos === len ? endLoc : p.jobLocation[route[pos]!]!;
      if (blink === 0 || rng.next() >= blink) {
        const legOut = T[at * L + nextLoc]!;
        const back = Math.max(arrival, ready) + service + legOut;
        if (back <= (pos === len ? shiftEnd : latest[pos]! + EPS)) {
          const d = legIn + legOut - (len === 0 ? 0 : T[prevLoc * L + nextLoc]!) + bias;
          if (d < into.cost) {
            into.cost = d;
            into.vehicle = v;
            into.position = pos;
            found = true;
          }
        }
      }
      if (pos < len) {
        const next = route[pos]!;
        depart = starts[pos]! + p.jobService[next]!;
        prevLoc = nextLoc;
      }
    }
    return found;
  }

  /**
   * Whether vehicle `v` could drive `sequence` (job ids, pins first) within windows, breaks and shift;
   * capacity, skills and the visit limit are the caller's to check.
   */
  sequenceFits(v: number, sequence: readonly number[]): boolean {
    const p = this.problem;
    const T = p.travel;
    const L = this.L;
    let loc = p.vehicleStart[v]!;
    let time = p.vehicleShiftStart[v]!;
    for (const job of sequence) {
      const at = p.jobLocation[job]!;
      const s = this.serviceStartAt(v, time + T[loc * L + at]!, job);
      if (s > p.jobDue[job]! + EPS) return false;
      time = s + p.jobService[job]!;
      loc = at;
    }
    return time + T[loc * L + p.vehicleEnd[v]!]! <= p.vehicleShiftEnd[v]! + EPS;
  }

  /**
   * Cheapest position for `job` in vehicle `v`'s route once the jobs marked in `removed` are taken
   * out (a forward and a backward pass over what is left, then O(1) per position); position -1 when
   * none fits. Windows, breaks and the shift only: capacity, limit and skills are the caller's. The
   * answer is in a reused object, valid until the next call.
   */
  fitAfterRemoving(v: number, removed: Uint8Array, job: number): { position: number; cost: number } {
    const p = this.problem;
    const T = p.travel;
    const L = this.L;
    const route = this.routes[v]!;
    const rest = this.scratchRoute;
    rest.length = 0;
    for (const j of route) if (removed[j] !== 1) rest.push(j);
    const fit = this.scratchFit;
    fit.position = -1;
    fit.cost = Infinity;
    const first = this.pinnedCount[v]!;
    if (this.hasBreaks[v] === 1) {
      for (let pos = first; pos <= rest.length; pos++) {
        rest.splice(pos, 0, job);
        if (this.sequenceFits(v, rest)) {
          const prevLoc = pos === 0 ? p.vehicleStart[v]! : p.jobLocation[rest[pos - 1]!]!;
          const nextLoc = pos + 1 === rest.length ? p.vehicleEnd[v]! : p.jobLocation[rest[pos + 1]!]!;
          const at = p.jobLocation[job]!;
          const d =
            T[prevLoc * L + at]! + T[at * L + nextLoc]! - (rest.length === 1 ? 0 : T[prevLoc * L + nextLoc]!);
          if (d < fit.cost) {
            fit.cost = d;
            fit.position = pos;
          }
        }
        rest.splice(pos, 1);
      }
      return fit;
    }
    const n = rest.length;
    const depart = this.scratchDepart;
    const latest = this.scratchLatest;
    // Before the first removed job the schedule is the route's own, and after the last one so are the
    // latest starts: only the stretch between is driven again (half the work on a long route).
    const starts = this.startTimes[v]!;
    const latestStarts = this.latestStarts[v]!;
    let lo = 0;
    while (lo < route.length && removed[route[lo]!] !== 1) lo++;
    let hi = route.length - 1;
    while (hi >= 0 && removed[route[hi]!] !== 1) hi--;
    const tail = route.length - 1 - hi;
    let loc = p.vehicleStart[v]!;
    let time = p.vehicleShiftStart[v]!;
    for (let k = 0; k < lo; k++) {
      const j = rest[k]!;
      time = starts[k]! + p.jobService[j]!;
      depart[k] = time;
      loc = p.jobLocation[j]!;
    }
    for (let k = lo; k < n; k++) {
      const j = rest[k]!;
      const s = Math.max(time + T[loc * L + p.jobLocation[j]!]!, p.jobReady[j]!);
      if (s > p.jobDue[j]! + EPS) return fit;
      time = s + p.jobService[j]!;
      depart[k] = time;
      loc = p.jobLocation[j]!;
    }
    for (let k = 0; k < tail; k++) latest[n - 1 - k] = latestStarts[route.length - 1 - k]!;
    let next = tail > 0 ? latest[n - tail]! : p.vehicleShiftEnd[v]!;
    let nextLoc = tail > 0 ? p.jobLocation[rest[n - tail]!]! : p.vehicleEnd[v]!;
    for (let k = n - 1 - tail; k >= 0; k--) {
      const j = rest[k]!;
      const at = p.jobLocation[j]!;
      next = Math.min(p.jobDue[j]!, next - T[at * L + nextLoc]! - p.jobService[j]!);
      latest[k] = next;
      nextLoc = at;
    }
    const at = p.jobLocation[job]!;
    const ready = p.jobReady[job]!;
    const due = p.jobDue[job]! + EPS;
    const service = p.jobService[job]!;
    for (let pos = first; pos <= n; pos++) {
      const prevLoc = pos === 0 ? p.vehicleStart[v]! : p.jobLocation[rest[pos - 1]!]!;
      const legIn = T[prevLoc * L + at]!;
      const arrival = (pos === 0 ? p.vehicleShiftStart[v]! : depart[pos - 1]!) + legIn;
      if (arrival > due) break;
      const nextAt = pos === n ? p.vehicleEnd[v]! : p.jobLocation[rest[pos]!]!;
      const legOut = T[at * L + nextAt]!;
      if (
        Math.max(arrival, ready) + service + legOut >
        (pos === n ? p.vehicleShiftEnd[v]! : latest[pos]!) + EPS
      )
        continue;
      const d = legIn + legOut - (n === 0 ? 0 : T[prevLoc * L + nextAt]!);
      if (d < fit.cost) {
        fit.cost = d;
        fit.position = pos;
      }
    }
    return fit;
  }

  /** Whether the route from `pos` on still fits when the vehicle gets to it at `arrival`. */
  private tailFits(v: number, pos: number, arrival: number): boolean {
    const p = this.problem;
    const route = this.routes[v]!;
    let time = arrival;
    for (let k = pos; k < route.length; k++) {
      const job = route[k]!;
      const s = this.serviceStartAt(v, time, job);
      if (s > p.jobDue[job]! + EPS) return false;
      if (s <= this.startTimes[v]![k]!) return true;
      const nextLoc = k + 1 === route.length ? p.vehicleEnd[v]! : p.jobLocation[route[k + 1]!]!;
      time = s + p.jobService[job]! + p.travel[p.jobLocation[job]! * this.L + nextLoc]!;
    }
    return time <= p.vehicleShiftEnd[v]! + EPS;
  }

  /** Replaces vehicle `v`'s whole route (e.g. with a search result or a stored plan). */
  assign(v: number, jobs: readonly number[]): void {
    for (const job of this.routes[v]!) this.routeOf[job] = -1;
    this.routes[v] = [...jobs];
    for (const job of jobs) this.routeOf[job] = v;
    this.update(v);
  }

  insert(job: number, v: number, pos: number): void {
    this.routes[v]!.splice(pos, 0, job);
    this.routeOf[job] = v;
    this.update(v);
  }

  /** Takes an unpinned job out of its route without recomputing the schedule (call `update`). */
  detach(job: number): number {
    const v = this.routeOf[job]!;
    const route = this.routes[v]!;
    route.splice(route.indexOf(job), 1);
    this.routeOf[job] = -1;
    return v;
  }

  copyRoute(from: RouteState, v: number): void {
    const src = from.routes[v]!;
    const dst = this.routes[v]!;
    for (const job of dst) this.routeOf[job] = -1;
    dst.length = src.length;
    for (let k = 0; k < src.length; k++) {
      dst[k] = src[k]!;
      this.routeOf[src[k]!] = v;
    }
    const ss = from.startTimes[v]!;
    const ds = this.startTimes[v]!;
    const sl = from.latestStarts[v]!;
    const dl = this.latestStarts[v]!;
    ds.length = ss.length;
    dl.length = sl.length;
    for (let k = 0; k < ss.length; k++) {
      ds[k] = ss[k]!;
      dl[k] = sl[k]!;
    }
    this.load[v] = from.load[v]!;
    this.cost[v] = from.cost[v]!;
    this.workTime[v] = from.workTime[v]!;
  }

  usedVehicles(): number {
    let used = 0;
    for (const route of this.routes) if (route.length > 0) used++;
    return used;
  }

  totalTravel(): number {
    let sum = 0;
    for (let v = 0; v < this.cost.length; v++) sum += this.cost[v]!;
    return sum;
  }

  /** Mean absolute deviation of working time over all vehicles: an idle one counts as unbalanced. */
  imbalance(): number {
    const V = this.workTime.length;
    if (V < 2) return 0;
    let sum = 0;
    for (let v = 0; v < V; v++) sum += this.workTime[v]!;
    const mean = sum / V;
    let dev = 0;
    for (let v = 0; v < V; v++) dev += Math.abs(this.workTime[v]! - mean);
    return dev / V;
  }
}
