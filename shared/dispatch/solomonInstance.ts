import type { Result } from '../result';
import type { RoutingProblem } from './routingProblem';

/** One node row of a Solomon file: `id x y demand ready due service`; node 0 is the depot. */
export interface SolomonNode {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly demand: number;
  readonly ready: number;
  readonly due: number;
  readonly service: number;
}

export interface SolomonInstance {
  readonly capacity: number;
  readonly depot: SolomonNode;
  readonly customers: readonly SolomonNode[];
}

/** Parses the plain format of `shared/data/solomon` (first line capacity, then one row per node). */
export function parseSolomon(text: string): Result<SolomonInstance, string> {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const capacity = Number(lines[0]);
  if (lines.length < 2 || !Number.isFinite(capacity) || capacity <= 0) {
    return { ok: false, error: 'line 1: expected the vehicle capacity' };
  }
  const nodes: SolomonNode[] = [];
  for (let k = 1; k < lines.length; k++) {
    const fields = lines[k]!.split(/\s+/).map(Number);
    if (fields.length !== 7 || fields.some((f) => !Number.isFinite(f))) {
      return { ok: false, error: `line ${k + 1}: expected 7 numbers: id x y demand ready due service` };
    }
    const [id, x, y, demand, ready, due, service] = fields as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    nodes.push({ id, x, y, demand, ready, due, service });
  }
  const [depot, ...customers] = nodes as [SolomonNode, ...SolomonNode[]];
  return { ok: true, value: { capacity, depot, customers } };
}

/**
 * A Solomon instance as a routing problem: location 0 is the depot, location k + 1 customer k,
 * travel = Euclidean distance unrounded. Without a fleet limit every customer could have a vehicle,
 * and a fixed cost per vehicle larger than any route makes fewer vehicles win first (the hierarchical
 * objective the best-known table uses).
 */
export function solomonProblem(instance: SolomonInstance, vehicles?: number): RoutingProblem {
  const nodes = [instance.depot, ...instance.customers];
  const L = nodes.length;
  const travel = new Float64Array(L * L);
  let longest = 0;
  for (let a = 0; a < L; a++) {
    for (let b = 0; b < L; b++) {
      const d = Math.hypot(nodes[a]!.x - nodes[b]!.x, nodes[a]!.y - nodes[b]!.y);
      travel[a * L + b] = d;
      longest = Math.max(longest, d);
    }
  }
  const n = instance.customers.length;
  const V = vehicles ?? Math.max(1, n);
  const fill = (value: number): Float64Array => new Float64Array(V).fill(value);
  return {
    jobCount: n,
    vehicleCount: V,
    locationCount: L,
    travel,
    jobLocation: Int32Array.from(instance.customers, (_, k) => k + 1),
    jobReady: Float64Array.from(instance.customers, (c) => c.ready),
    jobDue: Float64Array.from(instance.customers, (c) => c.due),
    jobService: Float64Array.from(instance.customers, (c) => c.service),
    jobDemand: Float64Array.from(instance.customers, (c) => c.demand),
    jobWeight: new Float64Array(n).fill(1),
    vehicleStart: new Int32Array(V),
    vehicleEnd: new Int32Array(V),
    vehicleShiftStart: fill(instance.depot.ready),
    vehicleShiftEnd: fill(instance.depot.due),
    vehicleCapacity: fill(instance.capacity),
    vehicleMaxJobs: new Int32Array(V).fill(n),
    allowed: null,
    vehicleBreaks: Array.from({ length: V }, () => []),
    pinned: Array.from({ length: V }, () => []),
    vehicleFixedCost: vehicles === undefined ? 2 * n * longest : 0,
    balanceWeight: 0,
  };
}
