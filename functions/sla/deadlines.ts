import { cosmosDeadlineIndex } from '../../shared/adapters/cosmos/deadlineIndex';
import { recentTimelineEvents } from '../../shared/adapters/cosmos/timelineReader';
import { appClock } from '../../shared/clock';
import type { TimelineEvent } from '../../shared/timeline/timelineEvent';
import type { DeadlineUpkeep } from '../../shared/sla/deadlineUpkeep';
import { cosmos } from '../platform';
import { slaPolicies } from './policies';

type Env = Readonly<Record<string, string | undefined>>;

/** The deadline index with the policies and clock its writers compute deadlines with. */
export const deadlineUpkeep = (env: Env = process.env): DeadlineUpkeep => ({
  index: cosmosDeadlineIndex(cosmos(env)),
  policies: slaPolicies(env),
  now: () => appClock().now(),
});

/** A work order's recent timeline, what its clocks are read from (one single-partition query). */
export const workOrderTimeline =
  (env: Env = process.env) =>
  (workOrderId: string): Promise<readonly TimelineEvent[]> =>
    recentTimelineEvents(cosmos(env), workOrderId, 200);
