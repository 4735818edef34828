import type { RouteState } from './routeState';

/**
 * Regret-2 construction: repeatedly place the job whose best route beats its second-best route by the
 * most (ties: heavier job first), so jobs with few options are placed before the easy ones take their
 * room. Per job and route the cheapest position is cached; an insertion only invalidates the column of
 * the route it changed, so a day of 480 visits builds in milliseconds, not seconds.
 */
export function regretInsertion(state: RouteState, jobs: readonly number[]): number[] {
  const p = state.problem;
  const V = p.vehicleCount;
  const pending = [...jobs];
  const best = new Float64Array(pending.length * V);
  const bestPos = new Int32Array(pending.length * V);
  const refresh = (i: number, v: number): void => {
    const job = pending[i]!;
    let cost = Infinity;
    let at = -1;
    const len = state.routes[v]!.length;
    for (let pos = state.pinnedCount[v]!; pos <= len; pos++) {
      const d = state.insertionDelta(job, v, pos);
      if (d < cost) {
        cost = d;
        at = pos;
      }
    }
    best[i * V + v] = cost;
    bestPos[i * V + v] = at;
  };
  for (let i = 0; i < pending.length; i++) for (let v = 0; v < V; v++) refresh(i, v);
  const alive = new Uint8Array(pending.length).fill(1);
  const unplaced: number[] = [];
  for (let left = pending.length; left > 0; left--) {
    let pick = -1;
    let pickRegret = -Infinity;
    let pickVehicle = -1;
    for (let i = 0; i < pending.length; i++) {
      if (alive[i] === 0) continue;
      let first = Infinity;
      let second = Infinity;
      let firstV = -1;
      for (let v = 0; v < V; v++) {
        const c = best[i * V + v]!;
        if (c < first) {
          second = first;
          first = c;
          firstV = v;
        } else if (c < second) second = c;
      }
      if (firstV < 0) {
        alive[i] = 0;
        unplaced.push(pending[i]!);
        continue;
      }
      // A job with a single option left has infinite regret: place it before it loses that one too.
      const regret = (second === Infinity ? 1e12 : second - first) * p.jobWeight[pending[i]!]!;
      if (regret > pickRegret) {
        pickRegret = regret;
        pick = i;
        pickVehicle = firstV;
      }
    }
    if (pick < 0) break;
    state.insert(pending[pick]!, pickVehicle, bestPos[pick * V + pickVehicle]!);
    alive[pick] = 0;
    for (let i = 0; i < pending.length; i++) if (alive[i] === 1) refresh(i, pickVehicle);
  }
  return unplaced;
}
