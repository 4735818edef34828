import type { RouteState } from './routeState';

const EPS = 1e-9;
/** A move must save more than this to be applied, so rounding never makes two moves undo each other. */
const MIN_GAIN = 1e-7;

/**
 * Granular local search between routes (relocate, swap, 2-opt*), in the manner of HGS-CVRP and PyVRP:
 * a job is only tried next to its `granularity` nearest jobs (Toth & Vigo's granular neighbourhoods),
 * so a pass is O(jobs × granularity), and each move's feasibility is O(1) from the forward/backward
 * schedule `RouteState` keeps (Savelsbergh). Moves are applied at the first gain; a job is tried
 * again only while its own route or a partner's route changed since (the routes marked in `dirty`
 * on entry are the ones a ruin and recreate just rebuilt). Routes changed are marked in `touched`.
 *
 * Vehicles with breaks are left alone (their latest starts are not linear), and 2-opt* only swaps
 * tails between vehicles that end at the same place at the same time. The gain counted is travel
 * plus the fixed cost of a vehicle that stops or starts being used; the balance term is left to the
 * caller's acceptance test, which weighs the whole solution.
 */
export class LocalSearch {
  private readonly prefixLoad: number[][];
  private readonly stamp: Int32Array;
  private readonly testedAt: Int32Array;
  private clock = 0;
  private readonly order: number[] = [];

  constructor(
    private readonly state: RouteState,
    private readonly neighbours: readonly Int32Array[],
    private readonly granularity: number,
  ) {
    const p = state.problem;
    this.prefixLoad = Array.from({ length: p.vehicleCount }, () => []);
    this.stamp = new Int32Array(p.vehicleCount);
    this.testedAt = new Int32Array(p.jobCount).fill(-1);
  }

  /** Improves the routes in place until no move between a changed route and its neighbours gains. */
  run(dirty: Uint8Array, touched: Uint8Array): void {
    const s = this.state;
    const p = s.problem;
    this.clock++;
    for (let v = 0; v < p.vehicleCount; v++) {
      this.loads(v);
      this.stamp[v] = dirty[v] === 1 ? this.clock : 0;
    }
    const order = this.order;
    for (let improved = true; improved;) {
      improved = false;
      order.length = 0;
      for (let v = 0; v < p.vehicleCount; v++) {
        if (this.stamp[v]! === 0 || !this.plain(v)) continue;
        for (let k = s.pinnedCount[v]!; k < s.routes[v]!.length; k++) order.push(s.routes[v]![k]!);
      }
      for (const u of order) {
        const a = s.routeOf[u]!;
        if (a < 0) continue;
        const since = this.testedAt[u]!;
        this.testedAt[u] = this.clock;
        const near = this.neighbours[u]!;
        const count = Math.min(this.granularity, near.length);
        for (let n = 0; n < count; n++) {
          const w = near[n]!;
          const b = s.routeOf[w]!;
          if (b < 0 || b === s.routeOf[u]! || !this.plain(b)) continue;
          // A pair is worth testing again only if one of its two routes changed since u was last tried.
          if (Math.max(this.stamp[s.routeOf[u]!]!, this.stamp[b]!) <= since) continue;
          if (this.relocate(u, w) || this.swap(u, w) || this.twoOptStar(u, w)) {
            improved = true;
            touched[s.routeOf[u]!] = 1;
            touched[b] = 1;
            break;
          }
        }
      }
      this.clock++;
    }
  }

  private plain(v: number): boolean {
    return (this.state.problem.vehicleBreaks[v]?.length ?? 0) === 0;
  }

  private loads(v: number): void {
    const s = this.state;
    const route = s.routes[v]!;
    const out = this.prefixLoad[v]!;
    out.length = route.length;
    let load = 0;
    for (let k = 0; k < route.length; k++) {
      load += s.problem.jobDemand[route[k]!]!;
      out[k] = load;
    }
  }

  private changed(...vehicles: number[]): void {
    this.clock++;
    for (const v of vehicles) {
      this.state.update(v);
      this.loads(v);
      this.stamp[v] = this.clock;
    }
  }

  /** Departure from position k - 1 of route v (the shift start before the first job) and where from. */
  private departBefore(v: number, k: number): number {
    const s = this.state;
    const p = s.problem;
    if (k === 0) return p.vehicleShiftStart[v]!;
    return s.startTimes[v]![k - 1]! + p.jobService[s.routes[v]![k - 1]!]!;
  }

  private locBefore(v: number, k: number): number {
    const s = this.state;
    const p = s.problem;
    return k === 0 ? p.vehicleStart[v]! : p.jobLocation[s.routes[v]![k - 1]!]!;
  }

  private locAt(v: number, k: number): number {
    const s = this.state;
    const p = s.problem;
    return k >= s.routes[v]!.length ? p.vehicleEnd[v]! : p.jobLocation[s.routes[v]![k]!]!;
  }

  /** Latest arrival at position k of route v that keeps the rest feasible (the shift end past the last). */
  private latestAt(v: number, k: number): number {
    const s = this.state;
    return k >= s.routes[v]!.length ? s.problem.vehicleShiftEnd[v]! : s.latestStarts[v]![k]!;
  }

  private travel(from: number, to: number): number {
    return this.state.problem.travel[from * this.state.problem.locationCount + to]!;
  }

  /** Travel saved by taking the job at position k out of route v, or -Infinity when that is infeasible. */
  private removalGain(v: number, k: number): number {
    const s = this.state;
    const p = s.problem;
    const route = s.routes[v]!;
    if (route.length === 1) return s.cost[v]! + p.vehicleFixedCost;
    const prev = this.locBefore(v, k);
    const next = this.locAt(v, k + 1);
    if (this.departBefore(v, k) + this.travel(prev, next) > this.latestAt(v, k + 1) + EPS) return -Infinity;
    const at = p.jobLocation[route[k]!]!;
    return this.travel(prev, at) + this.travel(at, next) - this.travel(prev, next);
  }

  /** u out of its route, next to w (before or after it) in w's route. */
  private relocate(u: number, w: number): boolean {
    const s = this.state;
    const p = s.problem;
    const a = s.routeOf[u]!;
    const b = s.routeOf[w]!;
    const k = s.routes[a]!.indexOf(u);
    const gain = this.removalGain(a, k);
    if (gain === -Infinity) return false;
    const j = s.routes[b]!.indexOf(w);
    const opened = s.routes[b]!.length === 0 ? p.vehicleFixedCost : 0;
    let bestPos = -1;
    let bestDelta = gain - MIN_GAIN;
    for (const pos of [j, j + 1]) {
      const d = s.insertionDelta(u, b, pos) + opened;
      if (d < bestDelta) {
        bestDelta = d;
        bestPos = pos;
      }
    }
    if (bestPos < 0) return false;
    s.detach(u);
    s.routes[b]!.splice(bestPos, 0, u);
    s.routeOf[u] = b;
    this.changed(a, b);
    return true;
  }

  /** Extra travel, or Infinity, when the job at position k of route v is replaced by `job`. */
  private replaceDelta(v: number, k: number, job: number, loadChange: number): number {
    const s = this.state;
    const p = s.problem;
    if (k < s.pinnedCount[v]!) return Infinity;
    if (p.allowed !== null && p.allowed[job * p.vehicleCount + v] === 0) return Infinity;
    if (s.load[v]! + loadChange > p.vehicleCapacity[v]! + EPS) return Infinity;
    const prev = this.locBefore(v, k);
    const next = this.locAt(v, k + 1);
    const at = p.jobLocation[job]!;
    const start = Math.max(this.departBefore(v, k) + this.travel(prev, at), p.jobReady[job]!);
    if (start > p.jobDue[job]! + EPS) return Infinity;
    if (start + p.jobService[job]! + this.travel(at, next) > this.latestAt(v, k + 1) + EPS) return Infinity;
    const old = p.jobLocation[s.routes[v]![k]!]!;
    return this.travel(prev, at) + this.travel(at, next) - this.travel(prev, old) - this.travel(old, next);
  }

  /** u and w change places. */
  private swap(u: number, w: number): boolean {
    const s = this.state;
    const p = s.problem;
    const a = s.routeOf[u]!;
    const b = s.routeOf[w]!;
    const i = s.routes[a]!.indexOf(u);
    const j = s.routes[b]!.indexOf(w);
    const change = p.jobDemand[w]! - p.jobDemand[u]!;
    const da = this.replaceDelta(a, i, w, change);
    if (da === Infinity) return false;
    const db = this.replaceDelta(b, j, u, -change);
    if (da + db >= -MIN_GAIN) return false;
    s.routes[a]![i] = w;
    s.routes[b]![j] = u;
    s.routeOf[w] = a;
    s.routeOf[u] = b;
    this.changed(a, b);
    return true;
  }

  /**
   * 2-opt* between routes: u's route keeps its jobs up to u and continues with w and the rest of w's
   * route; w's route keeps its jobs before w and finishes with what followed u.
   */
  private twoOptStar(u: number, w: number): boolean {
    const s = this.state;
    const p = s.problem;
    const a = s.routeOf[u]!;
    const b = s.routeOf[w]!;
    if (p.vehicleEnd[a] !== p.vehicleEnd[b] || p.vehicleShiftEnd[a] !== p.vehicleShiftEnd[b]) return false;
    const ra = s.routes[a]!;
    const rb = s.routes[b]!;
    const i = ra.indexOf(u);
    const j = rb.indexOf(w);
    if (j < s.pinnedCount[b]!) return false;
    // Neither route may end up empty: an empty route costs nothing, which the edge sums below ignore.
    if (j === 0 && i === ra.length - 1) return false;
    const newA = i + 1 + rb.length - j;
    const newB = j + ra.length - i - 1;
    if (newA > p.vehicleMaxJobs[a]! || newB > p.vehicleMaxJobs[b]!) return false;
    const loadA = this.prefixLoad[a]![i]! + s.load[b]! - (j === 0 ? 0 : this.prefixLoad[b]![j - 1]!);
    const loadB = (j === 0 ? 0 : this.prefixLoad[b]![j - 1]!) + s.load[a]! - this.prefixLoad[a]![i]!;
    if (loadA > p.vehicleCapacity[a]! + EPS || loadB > p.vehicleCapacity[b]! + EPS) return false;
    const uLoc = p.jobLocation[u]!;
    const wLoc = p.jobLocation[w]!;
    const afterU = this.locAt(a, i + 1);
    const beforeW = this.locBefore(b, j);
    const delta =
      this.travel(uLoc, wLoc) +
      this.travel(beforeW, afterU) -
      this.travel(uLoc, afterU) -
      this.travel(beforeW, wLoc);
    if (delta >= -MIN_GAIN) return false;
    if (this.departBefore(a, i + 1) + this.travel(uLoc, wLoc) > this.latestAt(b, j) + EPS) return false;
    if (this.departBefore(b, j) + this.travel(beforeW, afterU) > this.latestAt(a, i + 1) + EPS) return false;
    if (p.allowed !== null) {
      const V = p.vehicleCount;
      for (let k = j; k < rb.length; k++) if (p.allowed[rb[k]! * V + a] === 0) return false;
      for (let k = i + 1; k < ra.length; k++) if (p.allowed[ra[k]! * V + b] === 0) return false;
    }
    const tailA = ra.splice(i + 1);
    const tailB = rb.splice(j);
    ra.push(...tailB);
    rb.push(...tailA);
    for (const job of tailB) s.routeOf[job] = a;
    for (const job of tailA) s.routeOf[job] = b;
    this.changed(a, b);
    return true;
  }
}
