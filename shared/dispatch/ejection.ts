import type { RouteState } from './routeState';

const EPS = 1e-9;

/**
 * Puts `job` into a route by taking one other job out, choosing the one the search has failed to
 * place least often (Nagata & Bräysy's ejection pool, reduced to single ejections): when no route has
 * room, a job that is easy to place elsewhere makes room for one that is hard. Returns the job taken
 * out, or -1 when no single ejection makes room.
 */
export function insertByEjection(state: RouteState, job: number, absences: Float64Array): number {
  const p = state.problem;
  const V = p.vehicleCount;
  let bestScore = Infinity;
  let bestVehicle = -1;
  let bestSequence: number[] | null = null;
  let bestOut = -1;
  for (let v = 0; v < V; v++) {
    if (p.allowed !== null && p.allowed[job * V + v] === 0) continue;
    const route = state.routes[v]!;
    const first = state.pinnedCount[v]!;
    for (let k = first; k < route.length; k++) {
      const out = route[k]!;
      const score = absences[out]!;
      if (score >= bestScore) continue;
      if (state.load[v]! - p.jobDemand[out]! + p.jobDemand[job]! > p.vehicleCapacity[v]! + EPS) continue;
      const rest = route.filter((_, i) => i !== k);
      for (let pos = first; pos <= rest.length; pos++) {
        rest.splice(pos, 0, job);
        const fits = state.sequenceFits(v, rest);
        if (fits) {
          bestScore = score;
          bestVehicle = v;
          bestSequence = [...rest];
          bestOut = out;
        }
        rest.splice(pos, 1);
        if (fits) break;
      }
    }
  }
  if (bestSequence === null) return -1;
  state.assign(bestVehicle, bestSequence);
  return bestOut;
}
