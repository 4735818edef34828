import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSolomonAnswer, type SolomonAnswer } from '../test/support/solomonFeasibility';

/**
 * `npm run bench -- dispatch`: every Solomon instance, each solved by `npm run solve` in its own
 * process (one core, one after the other) with the fleet at the best-known vehicle count, every answer
 * checked by the independent checker in `test/support/solomonFeasibility.ts`. Prints per instance
 * vehicles, distance, gap to best-known and feasibility, then the mean gap per class; the baseline in
 * the same run is the regret construction alone, without search. Then the product-scale figures.
 *
 * DISPATCH_BENCH_SECONDS (default 10) and DISPATCH_BENCH_ONLY (e.g. "C101,R1") shorten a run while
 * developing; SOLOMON_DIR points elsewhere than `../shared/data/solomon`.
 */
const root = join(__dirname, '..');
const seconds = Number(process.env.DISPATCH_BENCH_SECONDS ?? '10');
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
  for (const match of readme.matchAll(/\|\s*([A-Z]+\d+)\s*\|\s*(\d+)\s*\|\s*([\d.]+)\s*/g)) {
    table.set(match[1]!, { vehicles: Number(match[2]), distance: Number(match[3]) });
  }
  return table;
}

function solve(file: string, vehicles: number): { answer: SolomonAnswer | null; note: string } {
  const tsx = require.resolve('tsx/cli');
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
  if (run.status !== 0) return { answer: null, note: `exit ${String(run.status)}: ${run.stderr.trim()}` };
  try {
    return { answer: JSON.parse(run.stdout) as SolomonAnswer, note: run.stderr.trim() };
  } catch {
    return { answer: null, note: `stdout is not JSON: ${run.stdout.slice(0, 200)}` };
  }
}

function solomonBench(): boolean {
  const dir = solomonDir();
  const known = bestKnown(readFileSync(join(dir, 'README.md'), 'utf8'));
  const names = readdirSync(dir)
    .filter((file) => file.endsWith('.txt'))
    .map((file) => file.slice(0, -4))
    .filter((name) => only.length === 0 || only.some((prefix) => name.startsWith(prefix)))
    .sort();
  console.log(`Solomon, ${seconds} s each, fleet = best-known vehicles (${dir})`);
  console.log('instance  veh/bk  distance   best-known  gap%    feasible');
  const gaps = new Map<string, number[]>();
  let allFeasible = true;
  for (const name of names) {
    const bk = known.get(name);
    if (bk === undefined) continue;
    const file = join(dir, `${name}.txt`);
    const { answer, note } = solve(file, bk.vehicles);
    const report = answer === null ? null : checkSolomonAnswer(readFileSync(file, 'utf8'), answer);
    const feasible = report?.feasible ?? false;
    allFeasible &&= feasible;
    const gap = report === null ? NaN : (100 * (report.distance - bk.distance)) / bk.distance;
    const cls = name.replace(/\d+$/, '') + name.match(/\d/)![0];
    if (feasible) gaps.set(cls, [...(gaps.get(cls) ?? []), gap]);
    console.log(
      `${name.padEnd(9)} ${`${report?.vehicles ?? '-'}/${bk.vehicles}`.padEnd(7)} ${(report?.distance ?? NaN).toFixed(2).padStart(9)}  ${bk.distance.toFixed(2).padStart(9)}  ${gap.toFixed(2).padStart(6)}  ${feasible ? 'yes' : `NO ${[note, ...(report?.problems.slice(0, 3) ?? [])].join('; ')}`}`,
    );
  }
  console.log('\nclass  instances  mean gap%  target');
  let met = allFeasible;
  for (const [cls, list] of [...gaps].sort()) {
    const mean = list.reduce((a, b) => a + b, 0) / list.length;
    const target = cls === 'C1' ? 1 : 3;
    met &&= mean <= target;
    console.log(
      `${cls.padEnd(6)} ${String(list.length).padStart(9)}  ${mean.toFixed(2).padStart(9)}  ≤ ${target}`,
    );
  }
  console.log(`all feasible: ${allFeasible ? 'yes' : 'no'}; targets met: ${met ? 'yes' : 'no'}`);
  return allFeasible;
}

solomonBench();
