import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { searchRoutes } from '../../shared/dispatch/routeSearch';
import { parseSolomon, solomonProblem } from '../../shared/dispatch/solomonInstance';
import { checkSolomonAnswer } from '../support/solomonFeasibility';

/** A small instance written here: depot plus six customers, two of them only reachable late. */
const tiny = `50
0 0 0 0 0 200 0
1 10 0 10 0 50 5
2 20 0 10 0 60 5
3 0 10 20 0 50 5
4 0 20 20 0 80 5
5 -10 0 30 100 120 5
6 -20 0 10 100 140 5
`;

const answerFor = (text: string, vehicles?: number, iterations = 400) => {
  const parsed = parseSolomon(text);
  if (!parsed.ok) throw new Error(parsed.error);
  const instance = parsed.value;
  const result = searchRoutes(solomonProblem(instance, vehicles), { seed: 5, maxIterations: iterations });
  const routes = result.routes
    .filter((r) => r.length > 0)
    .map((r) => r.map((job) => instance.customers[job]!.id));
  return {
    answer: { routes, vehicles: routes.length, distance: result.travel },
    unassigned: result.unassigned,
  };
};

describe('Solomon VRPTW', () => {
  it('solves a small instance feasibly, with fewest vehicles when the fleet is open', () => {
    const { answer, unassigned } = answerFor(tiny);
    expect(unassigned).toEqual([]);
    expect(checkSolomonAnswer(tiny, answer)).toMatchObject({ feasible: true, problems: [] });
    // Capacity 50 against demand 100 needs two vehicles; two suffice.
    expect(answer.vehicles).toBe(2);
  });

  it('answers a fleet too small with the customers it could not take, never crashing', () => {
    const { answer, unassigned } = answerFor(tiny, 1);
    expect(answer.vehicles).toBe(1);
    expect(unassigned.length).toBeGreaterThan(0);
    const report = checkSolomonAnswer(tiny, answer);
    expect(report.problems.filter((p) => !p.includes('served 0 times'))).toEqual([]);
  });

  it('reads the layout the instances are published in, with its fleet as a limit', () => {
    // The same seven nodes as `tiny`, as Solomon's and Gehring–Homberger's files lay them out.
    const published = [
      'TINY1',
      '',
      'VEHICLE',
      'NUMBER     CAPACITY',
      '  1          50',
      '',
      'CUSTOMER',
      'CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME',
      ' ',
      ...tiny
        .trim()
        .split('\n')
        .slice(1)
        .map((row) => `    ${row.split(' ').join('      ')}   `),
      '',
    ].join('\r\n');
    const parsed = parseSolomon(published);
    expect(parsed.ok && parsed.value.vehicles).toBe(1);
    expect(parsed.ok && parsed.value.customers.map((c) => c.id)).toEqual([1, 2, 3, 4, 5, 6]);
    const plain = parseSolomon(tiny);
    expect(parsed.ok && plain.ok && { ...parsed.value, vehicles: undefined }).toEqual(
      plain.ok && { ...plain.value, vehicles: undefined },
    );
    // The checker reads it too: a full answer checks the same in both layouts.
    const { answer } = answerFor(tiny);
    expect(checkSolomonAnswer(published, answer)).toEqual(checkSolomonAnswer(tiny, answer));
    expect(parseSolomon(published.replace('  1          50', 'fleet'))).toMatchObject({ ok: false });
  });

  it('rejects a malformed file with the line at fault', () => {
    expect(parseSolomon('200\n0 40 50 0 0 1236\n')).toEqual({
      ok: false,
      error: 'line 2: expected 7 numbers: id x y demand ready due service',
    });
  });

  it('the checker catches a late visit, an overload, a missing customer and a wrong distance', () => {
    const late = checkSolomonAnswer(tiny, { routes: [[5, 1]], vehicles: 1, distance: 0 });
    expect(late.problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('customer 1 starts'),
        'customer 2 served 0 times',
        expect.stringContaining('claims distance 0'),
      ]),
    );
    const heavy = checkSolomonAnswer(tiny, {
      routes: [
        [1, 2, 3, 4],
        [5, 6],
      ],
      vehicles: 2,
      distance: 0,
    });
    expect(heavy.problems).toEqual(expect.arrayContaining([expect.stringContaining('over capacity')]));
  });

  // The kit's C101 where it is beside the repository; elsewhere (a clean CI clone) the tiny instance.
  const c101 = [
    join(__dirname, '../../../shared/data/solomon/C101.txt'),
    join(__dirname, '../../../../shared/data/solomon/C101.txt'),
  ].find((f) => existsSync(f));
  const instance = c101 ?? join(mkdtempSync(join(tmpdir(), 'solve-')), 'tiny.txt');
  if (c101 === undefined) writeFileSync(instance, tiny);
  it(`npm run solve prints only the JSON answer, feasible for ${c101 === undefined ? 'the tiny instance' : 'C101 at 10 vehicles'}`, () => {
    const stdout = execFileSync(
      process.execPath,
      [
        require.resolve('tsx/cli'),
        join(__dirname, '../../scripts/solve.ts'),
        instance,
        '--seconds',
        '2',
        ...(c101 === undefined ? [] : ['--vehicles', '10']),
      ],
      { encoding: 'utf8' },
    );
    const answer = JSON.parse(stdout);
    expect(Object.keys(answer)).toEqual(['routes', 'vehicles', 'distance']);
    expect(checkSolomonAnswer(readFileSync(instance, 'utf8'), answer).feasible).toBe(true);
  });
});
