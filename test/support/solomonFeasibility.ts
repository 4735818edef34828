/**
 * An independent check of a Solomon answer: it reads the instance file itself and shares no code with
 * the optimiser, so a bug in the solver's own bookkeeping cannot hide here. Checked: every customer
 * exactly once, capacity per route, service starting inside each window (waiting allowed), return to
 * the depot by its due time, and the claimed distance.
 */
export interface SolomonAnswer {
  readonly routes: readonly (readonly number[])[];
  readonly vehicles: number;
  readonly distance: number;
}

export interface FeasibilityReport {
  readonly feasible: boolean;
  readonly problems: readonly string[];
  readonly distance: number;
  readonly vehicles: number;
}

const TOLERANCE = 1e-6;

export function checkSolomonAnswer(instanceText: string, answer: SolomonAnswer): FeasibilityReport {
  // Either layout: numeric rows only; the capacity is the lone number of the plain layout's first
  // row, or the second of the published layout's fleet row (`NUMBER CAPACITY`); nodes have seven.
  const rows = instanceText
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => /^\d/.test(line))
    .map((line) => line.split(/\s+/).map(Number));
  const header = rows[0]!;
  const capacity = header.length === 1 ? header[0]! : header[1]!;
  const nodeRows = rows.filter((row) => row.length === 7);
  const nodes = new Map<number, { x: number; y: number; q: number; a: number; b: number; s: number }>();
  for (const [id, x, y, q, a, b, s] of nodeRows) {
    nodes.set(id!, { x: x!, y: y!, q: q!, a: a!, b: b!, s: s! });
  }
  const depotId = nodeRows[0]![0]!;
  const depot = nodes.get(depotId)!;
  const problems: string[] = [];
  const seen = new Map<number, number>();
  let total = 0;
  answer.routes.forEach((route, r) => {
    let time = depot.a;
    let load = 0;
    let at = depot;
    for (const id of route) {
      const node = nodes.get(id);
      if (node === undefined || id === depotId) {
        problems.push(`route ${r}: ${id} is not a customer`);
        continue;
      }
      seen.set(id, (seen.get(id) ?? 0) + 1);
      const leg = Math.sqrt((at.x - node.x) ** 2 + (at.y - node.y) ** 2);
      total += leg;
      time = Math.max(time + leg, node.a);
      if (time > node.b + TOLERANCE)
        problems.push(`route ${r}: customer ${id} starts at ${time} after ${node.b}`);
      time += node.s;
      load += node.q;
      at = node;
    }
    const back = Math.sqrt((at.x - depot.x) ** 2 + (at.y - depot.y) ** 2);
    total += back;
    if (route.length > 0 && time + back > depot.b + TOLERANCE) {
      problems.push(`route ${r}: back at the depot at ${time + back} after ${depot.b}`);
    }
    if (load > capacity + TOLERANCE) problems.push(`route ${r}: load ${load} over capacity ${capacity}`);
  });
  for (const id of nodes.keys()) {
    if (id === depotId) continue;
    const count = seen.get(id) ?? 0;
    if (count !== 1) problems.push(`customer ${id} served ${count} times`);
  }
  const used = answer.routes.filter((route) => route.length > 0).length;
  if (used !== answer.vehicles) problems.push(`claims ${answer.vehicles} vehicles, routes use ${used}`);
  if (Math.abs(total - answer.distance) > 1e-4 * Math.max(1, total)) {
    problems.push(`claims distance ${answer.distance}, routes measure ${total}`);
  }
  return { feasible: problems.length === 0, problems, distance: total, vehicles: used };
}
