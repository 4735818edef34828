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
  /** The fleet the file offers, when it says (the original layout does); the kit's plain one does not. */
  readonly vehicles?: number;
  readonly depot: SolomonNode;
  readonly customers: readonly SolomonNode[];
}

const numbersOf = (line: string): number[] => line.split(/\s+/).map(Number);

/**
 * Parses a Solomon or Gehring–Homberger instance in either layout: the plain one of
 * `shared/data/solomon` (first line the capacity, then one row per node), or the one the
 * instances are published in (name, `VEHICLE` / `NUMBER CAPACITY` with the fleet and capacity,
 * `CUSTOMER` and a row of column titles before the node rows).
 */
export function parseSolomon(text: string): Result<SolomonInstance, string> {
  const lines = text
    .split(/\r?\n/)
    .map((line, index) => ({ text: line.trim(), number: index + 1 }))
    .filter((line) => line.text.length > 0);
  const published = lines.findIndex((line) => /^VEHICLE$/i.test(line.text));
  return published >= 0 ? parsePublished(lines, published) : parsePlain(lines);
}

interface Line {
  readonly text: string;
  readonly number: number;
}

function parsePlain(lines: readonly Line[]): Result<SolomonInstance, string> {
  const capacity = Number(lines[0]?.text);
  if (lines.length < 2 || !Number.isFinite(capacity) || capacity <= 0) {
    return { ok: false, error: 'line 1: expected the vehicle capacity' };
  }
  return nodesOf(lines.slice(1), capacity, undefined);
}

function parsePublished(lines: readonly Line[], vehicleAt: number): Result<SolomonInstance, string> {
  const fleetLine = lines.slice(vehicleAt + 1).find((line) => /^\d/.test(line.text));
  const [vehicles, capacity] = fleetLine === undefined ? [] : numbersOf(fleetLine.text);
  if (fleetLine === undefined || !(Number.isInteger(vehicles) && vehicles! > 0 && capacity! > 0)) {
    return {
      ok: false,
      error: `line ${(fleetLine ?? lines[vehicleAt]!).number}: expected the fleet size and capacity`,
    };
  }
  const customerAt = lines.findIndex((line) => /^CUSTOMER$/i.test(line.text));
  if (customerAt < 0) return { ok: false, error: 'no CUSTOMER section' };
  const rows = lines.slice(customerAt + 1).filter((line) => !/^[A-Z]/i.test(line.text));
  return nodesOf(rows, capacity!, vehicles);
}

function nodesOf(
  rows: readonly Line[],
  capacity: number,
  vehicles: number | undefined,
): Result<SolomonInstance, string> {
  const nodes: SolomonNode[] = [];
  for (const row of rows) {
    const fields = numbersOf(row.text);
    if (fields.length !== 7 || fields.some((f) => !Number.isFinite(f))) {
      return { ok: false, error: `line ${row.number}: expected 7 numbers: id x y demand ready due service` };
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
  if (nodes.length === 0) return { ok: false, error: 'no depot row' };
  const [depot, ...customers] = nodes as [SolomonNode, ...SolomonNode[]];
  return { ok: true, value: { capacity, ...(vehicles === undefined ? {} : { vehicles }), depot, customers } };
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
