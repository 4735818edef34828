import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { searchRoutes } from '../shared/dispatch/routeSearch';
import { parseSolomon, solomonProblem } from '../shared/dispatch/solomonInstance';

const usage = 'npm run solve -- <Solomon instance file> [--seconds N] [--vehicles K] [--seed S] [--wall]';

/** This process's CPU time in ms: "N seconds on one core", whatever else the machine is running. */
const cpuMs = (): number => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

/**
 * Solves one Solomon instance and prints only the JSON answer on stdout:
 * {"routes": [[customer ids as in the file]], "vehicles": n, "distance": d}. Customers the fleet could
 * not take go to stderr, so stdout stays parseable whatever happens. `--seconds` is CPU time of this
 * process (one core), or wall-clock time with `--wall`.
 */
function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      seconds: { type: 'string', default: '10' },
      vehicles: { type: 'string' },
      seed: { type: 'string', default: '1' },
      wall: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  const seconds = Number(values.seconds);
  const vehicles = values.vehicles === undefined ? undefined : Number(values.vehicles);
  const seed = Number(values.seed);
  if (
    file === undefined ||
    !(seconds > 0) ||
    (vehicles !== undefined && !(Number.isInteger(vehicles) && vehicles > 0)) ||
    !Number.isInteger(seed)
  ) {
    console.error(usage);
    return 2;
  }
  const parsed = parseSolomon(readFileSync(file, 'utf8'));
  if (!parsed.ok) {
    console.error(`${file}: ${parsed.error}`);
    return 2;
  }
  const instance = parsed.value;
  // The fleet a published file offers is a limit too; `--vehicles` narrows it.
  const result = searchRoutes(solomonProblem(instance, vehicles ?? instance.vehicles), {
    seed,
    timeLimitMs: seconds * 1000,
    // Without the fleet, the answer is infeasible whatever its distance: keep trying to place everyone
    // (the search turns to distance as soon as all are placed).
    fleetShare: 1,
    // The budget is CPU time unless --wall: on a shared machine, wall time would hand the search
    // whatever share of a core the other processes left it, and the same seed would give different plans.
    ...(values.wall ? {} : { now: cpuMs }),
  });
  const routes = result.routes
    .filter((route) => route.length > 0)
    .map((route) => route.map((job) => instance.customers[job]!.id));
  if (result.unassigned.length > 0) {
    const ids = result.unassigned.map((job) => instance.customers[job]!.id);
    console.error(`unassigned: ${ids.length} customers do not fit the fleet: ${ids.join(' ')}`);
  }
  console.log(JSON.stringify({ routes, vehicles: routes.length, distance: result.travel }));
  return 0;
}

process.exitCode = main();
