import type { Technician } from '../technicians/technician';
import { planDay } from './planDay';
import { regionDayInput } from './regionDayInput';
import type { StoredPlan } from './storedPlan';
import type { TravelMatrix } from './travelTime';
import type { DayInput } from './dayInput';

export interface OptimiseOptions {
  readonly seed: number;
  /** The planner searches until this much wall time has passed (the activity's budget). */
  readonly timeLimitMs: number;
  readonly at: string;
  readonly now?: () => number;
}

/**
 * The stored day planned afresh: every visit it holds, today's technicians, the routes the planner
 * finds within the budget. Pins (the technician's progress, a dispatcher's pin) carry into the input.
 */
export function optimiseDay(
  stored: StoredPlan,
  technicians: readonly Technician[],
  travel: (input: DayInput) => TravelMatrix,
  options: OptimiseOptions,
): StoredPlan {
  const input = regionDayInput(stored.region, stored.date, stored.timeZone, technicians, stored.visits);
  const plan = planDay(input, travel(input), {
    seed: options.seed,
    timeLimitMs: options.timeLimitMs,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  return { ...stored, plan, optimisedAt: options.at, updatedAt: options.at };
}
