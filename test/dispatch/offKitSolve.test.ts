import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSolomonAnswer, type SolomonAnswer } from '../support/solomonFeasibility';

const fixtures = join(__dirname, '../fixtures/vrptw');

const solve = (file: string, args: readonly string[]): SolomonAnswer => {
  const stdout = execFileSync(
    process.execPath,
    [require.resolve('tsx/cli'), join(__dirname, '../../scripts/solve.ts'), file, ...args],
    { encoding: 'utf8' },
  );
  return JSON.parse(stdout) as SolomonAnswer;
};

/**
 * Instances outside the kit (test/fixtures/vrptw/README.md says where they come from): the answer of
 * `npm run solve` must pass the independent checker there too — every customer once, windows,
 * capacity, within the fleet asked for.
 */
describe('npm run solve on instances the kit does not have', () => {
  it('RC201 (long horizon, capacity 1000) at the best-known fleet of 4: feasible', () => {
    const file = join(fixtures, 'RC201.txt');
    // The regret construction alone leaves three customers out at four vehicles: the search must place them.
    const answer = solve(file, ['--seconds', '1', '--vehicles', '4']);
    const report = checkSolomonAnswer(readFileSync(file, 'utf8'), answer);
    expect(report.problems).toEqual([]);
    expect(report.feasible).toBe(true);
    expect(answer.vehicles).toBeLessThanOrEqual(4);
    expect(answer.routes.flat()).toHaveLength(100);
  });

  it('C1_2_1 (200 customers, as Gehring and Homberger publish it) within the file’s fleet: feasible', () => {
    const file = join(fixtures, 'C1_2_1.txt');
    const answer = solve(file, ['--seconds', '1']);
    const report = checkSolomonAnswer(readFileSync(file, 'utf8'), answer);
    expect(report.problems).toEqual([]);
    expect(report.feasible).toBe(true);
    expect(answer.vehicles).toBeLessThanOrEqual(50);
    expect(answer.routes.flat()).toHaveLength(200);
  });
});
