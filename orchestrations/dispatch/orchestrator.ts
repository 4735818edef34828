import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler, Task } from 'durable-functions';
import {
  dispatchActivityNames,
  DispatchRunInput,
  RegionDay,
  RegionDayOutcome,
  type DispatchOutcome,
} from './contract';

/** A region-day that fails (Cosmos throttled, a timeout) is tried again before the run gives up on it. */
const activityRetry = (() => {
  const options = new df.RetryOptions(10_000, 3);
  options.backoffCoefficient = 2;
  return options;
})();

/**
 * Planning the days ahead, as a dispatcher would describe it:
 *
 *   which region-days to plan (those asked for, or every region with technicians on the dates)
 *   ─► plan each region-day at the same time, one activity each: read its bookings and technicians,
 *      search routes within the budget, store the plan, note every visit whose route changed
 *   ─► report how many visits were routed, left without a technician (with reasons) and moved.
 *
 * The region-days share nothing, so they fan out and the run takes as long as the slowest one.
 */
export const dispatchPlanning: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = DispatchRunInput.parse(context.df.getInput());
  const regionDays: RegionDay[] =
    input.regionDays ??
    RegionDay.array().parse(
      yield context.df.callActivityWithRetry(dispatchActivityNames.listRegionDays, activityRetry, {
        dates: input.dates ?? [],
      }),
    );

  const planning: Task[] = regionDays.map((regionDay, k) =>
    context.df.callActivityWithRetry(dispatchActivityNames.planRegionDay, activityRetry, {
      ...regionDay,
      trigger: input.trigger,
      requestedBy: input.requestedBy,
      runId: context.df.instanceId,
      budgetMs: input.budgetSeconds * 1000,
      seed: k + 1,
    }),
  );
  const outcomes =
    planning.length === 0 ? [] : RegionDayOutcome.array().parse(yield context.df.Task.all(planning));

  const outcome: DispatchOutcome = {
    regionDays: outcomes,
    visits: outcomes.reduce((sum, day) => sum + day.visits, 0),
    unplaced: outcomes.reduce((sum, day) => sum + day.unplaced, 0),
    changes: outcomes.reduce((sum, day) => sum + day.changes, 0),
  };
  return outcome;
};
