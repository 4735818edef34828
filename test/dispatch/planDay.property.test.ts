import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayLocations, planDay } from '../../shared/dispatch/planDay';
import { greatCircleMatrix } from '../../shared/dispatch/travelTime';
import { planViolations, randomDay } from './dayFixtures';

const solve = (input: Parameters<typeof planDay>[0], seed: number) => {
  const points = dayLocations(input);
  const travel = greatCircleMatrix(points, points);
  const leg = (a: number, b: number): number => travel.minutes[a * points.length + b]!;
  return { plan: planDay(input, travel, { seed, maxIterations: 150 }), leg };
};

describe('planDay on random region-days', () => {
  let routed = 0;
  let unplaced = 0;
  it('respects windows, shifts, breaks, skills, visit limits and pins, and places or explains every visit', () => {
    fc.assert(
      fc.property(randomDay, fc.integer({ min: 1, max: 1000 }), (input, seed) => {
        const { plan, leg } = solve(input, seed);
        expect(planViolations(input, plan, leg)).toEqual([]);
        routed += plan.routes.reduce((sum, route) => sum + route.stops.length, 0);
        unplaced += plan.unplaced.length;
      }),
      { numRuns: 150 },
    );
    // The generator must exercise both outcomes, or the property says little.
    expect(routed).toBeGreaterThan(100);
    expect(unplaced).toBeGreaterThan(100);
  });

  it('gives the same plan for the same seed and budget', () => {
    fc.assert(
      fc.property(randomDay, fc.integer({ min: 1, max: 1000 }), (input, seed) => {
        expect(solve(input, seed).plan).toEqual(solve(input, seed).plan);
      }),
      { numRuns: 40 },
    );
  });
});
