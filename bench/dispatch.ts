import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { clockTime, dayLocations, planDay } from '../shared/dispatch/planDay';
import { slotFit } from '../shared/dispatch/slotInsertion';
import { greatCircleMatrix, greatCircleMinutes } from '../shared/dispatch/travelTime';
import { regionDay } from '../test/dispatch/regionDay';
import { checkSolomonAnswer, type SolomonAnswer } from '../test/support/solomonFeasibility';

/**
 * `npm run bench -- dispatch`: every Solomon instance, each solved by `npm run solve` in its own
 * process (one core, one after the other, the budget counted in that process's CPU time) with the fleet at the best-known vehicle count, every answer
 * checked by the independent checker in `test/support/solomonFeasibility.ts`. Prints per instance
 * vehicles, distance, gap to best-known and feasibility, then the mean gap per class; the baseline in
 * the same run is the regret construction alone, without search. Then the product-scale figures.
 *
 * DISPATCH_BENCH_SECONDS (default 10) and DISPATCH_BENCH_ONLY (e.g. "C101,R1", or "product" for the
 * product-scale part alone) shorten a run while developing; DISPATCH_BENCH_PRODUCT_SECONDS (default 20)
 * is the product plan's search budget; SOLOMON_DIR points elsewhere than `../shared/data/solomon`.
 * DISPATCH_BENCH_EXTRA names a further directory of instances (either layout, e.g. `test/fixtures/vrptw`)
 * whose README.md has the same best-known table; they are run and checked alike and get their own
 * class table after the kit's, so an off-kit regression shows without touching the kit's numbers.
 */
const root = join(__dirname, '..');
const seconds = Number(process.env.DISPATCH_BENCH_SECONDS ?? '10');
const productSeconds = Number(process.env.DISPATCH_BENCH_PRODUCT_SECONDS ?? '20');
const only = (process.env.DISPATCH_BENCH_ONLY ?? '').split(',').filter((s) => s.length > 0);

function solomonDir(): string {
  const candidates = [
    process.env.SOLOMON_DIR,
    join(root, '../shared/data/solomon'),
    join(root, '../../shared/data/solomon'),
  ];
  const found = candidates.find(
    (dir): dir is string => dir !== undefined && existsSync(join(dir, 'README.md')),
  );
  if (found === undefined) throw new Error('no Solomon instances: set SOLOMON_DIR');
  return found;
}

function bestKnown(readme: string): Map<string, { vehicles: number; distance: number }> {
  const table = new Map<string, { vehicles: number; distance: number }>();
  // Solomon's R101 and Gehring & Homberger's R1_2_1 alike.
  for (const match of readme.matchAll(/\|\s*([A-Z]+\d[\d_]*)\s*\|\s*(\d+)\s*\|\s*([\d.]+)\s*/g)) {
    table.set(match[1]!, { vehicles: Number(match[2]), distance: Number(match[3]) });
  }
  return table;
}

function solve(
  file: string,
  vehicles: number,
): { answer: SolomonAnswer | null; note: string; wallSeconds: number } {
  const tsx = require.resolve('tsx/cli');
  const began = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      tsx,
      join(root, 'scripts/solve.ts'),
      file,
      '--seconds',
      String(seconds),
      '--vehicles',
      String(vehicles),
      '--seed',
      '1',
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  const wallSeconds = (performance.now() - began) / 1000;
  if (run.status !== 0)
    return { answer: null, note: `exit ${String(run.status)}: ${run.stderr.trim()}`, wallSeconds };
  try {
    return { answer: JSON.parse(run.stdout) as SolomonAnswer, note: run.stderr.trim(), wallSeconds };
  } catch {
    return { answer: null, note: `stdout is not JSON: ${run.stdout.slice(0, 200)}`, wallSeconds };
  }
}

function solomonBench(dir: string): boolean {
  const known = bestKnown(readFileSync(join(dir, 'README.md'), 'utf8'));
  const files = new Map(
    readdirSync(dir)
      .filter((file) => file.toLowerCase().endsWith('.txt'))
      .map((file) => [file.slice(0, -4), join(dir, file)] as const),
  );
  const names = [...files.keys()]
    .filter((name) => only.length === 0 || only.some((prefix) => name.startsWith(prefix)))
    .sort();
  console.log(`\nSolomon, ${seconds} s of CPU each, fleet = best-known vehicles (${dir})`);
  console.log('instance  veh/bk  distance   best-known  gap%    wall s  feasible');
  const gaps = new Map<string, number[]>();
  let allFeasible = true;
  for (const name of names) {
    const bk = known.get(name);
    if (bk === undefined) continue;
    const file = files.get(name)!;
    const { answer, note, wallSeconds } = solve(file, bk.vehicles);
    const report = answer === null ? null : checkSolomonAnswer(readFileSync(file, 'utf8'), answer);
    const feasible = report?.feasible ?? false;
    allFeasible &&= feasible;
    const gap = report === null ? NaN : (100 * (report.distance - bk.distance)) / bk.distance;
    // R101 is in class R1; R1_2_1 (200 customers) in R1_2.
    const match = /^([A-Z]+\d)(_\d+)?/.exec(name);
    const cls = match === null ? name : match[1]! + (match[2] ?? '');
    if (feasible) gaps.set(cls, [...(gaps.get(cls) ?? []), gap]);
    console.log(
      `${name.padEnd(9)} ${`${report?.vehicles ?? '-'}/${bk.vehicles}`.padEnd(7)} ${(report?.distance ?? NaN).toFixed(2).padStart(9)}  ${bk.distance.toFixed(2).padStart(9)}  ${gap.toFixed(2).padStart(6)}  ${wallSeconds.toFixed(1).padStart(6)}  ${feasible ? 'yes' : `NO ${[note, ...(report?.problems.slice(0, 3) ?? [])].join('; ')}`}`,
    );
  }
  console.log('\nclass  instances  mean gap%  target');
  let met = allFeasible;
  for (const [cls, list] of [...gaps].sort()) {
    const mean = list.reduce((a, b) => a + b, 0) / list.length;
    const target = cls.startsWith('C1') ? 1 : 3;
    met &&= mean <= target;
    console.log(
      `${cls.padEnd(6)} ${String(list.length).padStart(9)}  ${mean.toFixed(2).padStart(9)}  ≤ ${target}`,
    );
  }
  console.log(`all feasible: ${allFeasible ? 'yes' : 'no'}; targets met: ${met ? 'yes' : 'no'}`);
  return allFeasible;
}

const percentile = (values: number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))] ?? 0;

/** One region-day of 60 technicians and 480 visits, then the insertion check behind slot offers. */
function productBench(): boolean {
  const input = regionDay(60, 480);
  const began = performance.now();
  const cpuBegan = process.cpuUsage();
  const points = dayLocations(input);
  const travel = greatCircleMatrix(points, points);
  const plan = planDay(input, travel, { seed: 1, timeLimitMs: productSeconds * 1000 });
  const planMs = performance.now() - began;
  const planCpu = process.cpuUsage(cpuBegan);
  const construction = planDay(input, travel, { seed: 1, maxIterations: 0 });
  const placed = plan.routes.reduce((sum, route) => sum + route.stops.length, 0);
  const placedBefore = construction.routes.reduce((sum, route) => sum + route.stops.length, 0);
  console.log(`\nProduct scale: 60 technicians, 480 visits, search budget ${productSeconds} s`);
  console.log(
    `planned in ${(planMs / 1000).toFixed(1)} s wall, ${((planCpu.user + planCpu.system) / 1e6).toFixed(1)} s CPU (target ≤ 30 s): ${placed} placed, ${plan.unplaced.length} unplaced, travel ${plan.travelMinutes.toFixed(0)} min`,
  );
  console.log(
    `baseline (regret construction only, same run): ${placedBefore} placed, travel ${construction.travelMinutes.toFixed(0)} min; search/baseline travel ${(plan.travelMinutes / construction.travelMinutes).toFixed(3)}`,
  );
  const offers = regionDay(1, 1000, 7).visits;
  // Warm up the JIT on offers outside the measured set, as a running function app would be.
  for (const [k, offer] of regionDay(1, 100, 8).visits.entries()) {
    slotFit(input, plan, { ...offer, id: `warm-${k}` }, greatCircleMinutes, 'any');
  }
  // Wall time, and this process's CPU time: on a shared machine the first also counts the time the
  // scheduler gave to other processes, which says nothing about the check.
  const timings: number[] = [];
  const cpu: number[] = [];
  let fits = 0;
  for (const [k, offer] of offers.entries()) {
    // Every other offer is a narrow slot anywhere in the day: most of those fit nobody, and a "no"
    // is the slow answer, since every skilled technician's route is read before it is given.
    const from = 7 * 60 + ((k * 37) % (11 * 60));
    const narrow = { start: clockTime(from), end: clockTime(from + 10) };
    const candidate = { ...offer, id: `offer-${k}`, ...(k % 2 === 1 ? { window: narrow } : {}) };
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const fit = slotFit(input, plan, candidate, greatCircleMinutes, 'any');
    timings.push(performance.now() - t0);
    const used = process.cpuUsage(c0);
    cpu.push((used.user + used.system) / 1000);
    if (fit.fits) fits++;
  }
  const p99 = percentile(timings, 0.99);
  console.log(
    `slot insertion check: ${timings.length} offers, ${fits} fit; p50 ${percentile(timings, 0.5).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms wall, p99 ${percentile(cpu, 0.99).toFixed(2)} ms CPU (target ≤ 20 ms)`,
  );
  return planMs <= 30_000 && p99 <= 20;
}

const extra = process.env.DISPATCH_BENCH_EXTRA;
const dirs = [solomonDir(), ...(extra === undefined ? [] : [resolve(extra)])];
// Every directory is run even when one fails, so a single run shows the kit and the extra set.
const solomonOk = only.includes('product') ? true : dirs.map(solomonBench).every(Boolean);
const productOk = only.length === 0 || only.includes('product') ? productBench() : true;
process.exitCode = solomonOk && productOk ? 0 : 1;
