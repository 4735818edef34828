import type { RouteState } from './routeState';

const EPS = 1e-9;

/** Nagata & Bräysy found two or three ejections enough on Solomon-sized routes; more rarely pays. */
export const MAX_EJECTED = 3;

/**
 * Puts `job` into a route by taking up to `maxEjected` other jobs out of that same route, choosing
 * the set the search has failed to place least often (the lexicographic "Psum, then count" rule of
 * Nagata & Bräysy's route minimisation, 2009): when no route has room, jobs that are easy to place
 * elsewhere make room for one that is hard, and the absence counters keep the search from cycling.
 * Only jobs weighing at most `maxWeight` may go: a normal visit never displaces an urgent one.
 * Ties go to the cheaper detour. Returns the jobs taken out (none when the job fits as it is), or null
 * when no ejection makes room.
 *
 * Per route the sets are enumerated depth-first in position order and pruned once their absence sum
 * can no longer win; each surviving set costs one O(route) forward/backward pass (`fitAfterRemoving`).
 */
export function insertByEjection(
  state: RouteState,
  job: number,
  absences: Float64Array,
  maxWeight: number,
  maxEjected = MAX_EJECTED,
): number[] | null {
  const p = state.problem;
  const V = p.vehicleCount;
  let bestSum = Infinity;
  let bestCount = Infinity;
  let bestCost = Infinity;
  let bestVehicle = -1;
  let bestPosition = -1;
  let bestSet: number[] = [];
  const chosen: number[] = [];
  const removed = new Uint8Array(p.jobCount);

  for (let v = 0; v < V; v++) {
    if (p.allowed !== null && p.allowed[job * V + v] === 0) continue;
    const route = state.routes[v]!;
    const first = state.pinnedCount[v]!;
    const spare = p.vehicleCapacity[v]! + EPS - state.load[v]! - p.jobDemand[job]!;
    const overLimit = route.length + 1 - p.vehicleMaxJobs[v]!;
    const visit = (from: number, sum: number, demand: number): void => {
      if (demand >= -spare && chosen.length >= overLimit) {
        const fit = state.fitAfterRemoving(v, removed, job);
        if (fit.position >= 0) {
          const better =
            sum < bestSum ||
            (sum === bestSum &&
              (chosen.length < bestCount || (chosen.length === bestCount && fit.cost < bestCost)));
          if (better) {
            bestSum = sum;
            bestCount = chosen.length;
            bestCost = fit.cost;
            bestVehicle = v;
            bestPosition = fit.position;
            bestSet = [...chosen];
          }
        }
      }
      if (chosen.length === maxEjected) return;
      for (let k = from; k < route.length; k++) {
        const out = route[k]!;
        if (p.jobWeight[out]! > maxWeight) continue;
        const next = sum + absences[out]!;
        // Adding a job never lowers the sum or the count, so a set that cannot win has no winning superset.
        if (next > bestSum || (next === bestSum && chosen.length + 1 >= bestCount)) continue;
        chosen.push(out);
        removed[out] = 1;
        visit(k + 1, next, demand + p.jobDemand[out]!);
        removed[out] = 0;
        chosen.pop();
      }
    };
    visit(first, 0, 0);
  }
  if (bestVehicle < 0) return null;
  const gone = new Set(bestSet);
  const rest = state.routes[bestVehicle]!.filter((j) => !gone.has(j));
  rest.splice(bestPosition, 0, job);
  state.assign(bestVehicle, rest);
  return bestSet;
}
