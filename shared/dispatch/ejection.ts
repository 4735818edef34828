import type { RouteState } from './routeState';

const EPS = 1e-9;

/** Nagata & Bräysy found two or three ejections enough on Solomon-sized routes; more rarely pays. */
export const MAX_EJECTED = 3;

/**
 * Jobs of a route that may be ejected: the ones whose service starts closest to the job's window.
 * A Solomon "1" route (about a dozen jobs) keeps them all; a route of fifty (R2_2_1 at four vehicles)
 * has 20 875 sets of up to three, each an O(route) pass, and a step where nothing fits tried them all:
 * 1 024 iterations in 10 s against 400 000 on R1_2_1. Twelve make at most 299 sets per route.
 */
const MAX_CANDIDATES = 12;

/**
 * Puts `job` into a route by taking up to `maxEjected` other jobs out of that same route, choosing
 * the set the search has failed to place least often (the lexicographic "Psum, then count" rule of
 * Nagata & Bräysy's route minimisation, 2009): when no route has room, jobs that are easy to place
 * elsewhere make room for one that is hard, and the absence counters keep the search from cycling.
 * Only jobs weighing at most `maxWeight` may go: a normal visit never displaces an urgent one.
 * Ties go to the cheaper detour. Returns the jobs taken out (none when the job fits as it is), or null
 * when no ejection makes room.
 *
 * Per route the candidates are the route's jobs ordered by how far their service start lies from the
 * job's window (then by position), the first `MAX_CANDIDATES` of them; sets are enumerated
 * depth-first in that order and pruned once their absence sum can no longer win; each costs one
 * O(route) forward/backward pass (`fitAfterRemoving`).
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
  const ready = p.jobReady[job]!;
  const due = p.jobDue[job]!;

  for (let v = 0; v < V; v++) {
    if (p.allowed !== null && p.allowed[job * V + v] === 0) continue;
    const route = state.routes[v]!;
    const first = state.pinnedCount[v]!;
    const spare = p.vehicleCapacity[v]! + EPS - state.load[v]! - p.jobDemand[job]!;
    const overLimit = route.length + 1 - p.vehicleMaxJobs[v]!;
    const starts = state.startTimes[v]!;
    const offWindow = (k: number): number => Math.max(0, ready - starts[k]!, starts[k]! - due);
    const candidates: number[] = [];
    for (let k = first; k < route.length; k++) if (p.jobWeight[route[k]!]! <= maxWeight) candidates.push(k);
    candidates.sort((a, b) => offWindow(a) - offWindow(b) || a - b);
    candidates.length = Math.min(candidates.length, MAX_CANDIDATES);
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
      for (let c = from; c < candidates.length; c++) {
        const out = route[candidates[c]!]!;
        const next = sum + absences[out]!;
        // Adding a job never lowers the sum or the count, so a set that cannot win has no winning superset.
        if (next > bestSum || (next === bestSum && chosen.length + 1 >= bestCount)) continue;
        chosen.push(out);
        removed[out] = 1;
        visit(c + 1, next, demand + p.jobDemand[out]!);
        removed[out] = 0;
        chosen.pop();
      }
    };
    visit(0, 0, 0);
  }
  if (bestVehicle < 0) return null;
  const gone = new Set(bestSet);
  const rest = state.routes[bestVehicle]!.filter((j) => !gone.has(j));
  rest.splice(bestPosition, 0, job);
  state.assign(bestVehicle, rest);
  return bestSet;
}
