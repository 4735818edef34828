import { cosmosDeadlineIndex } from '../../../shared/adapters/cosmos/deadlineIndex';
import { cosmosIntakeStore } from '../../../shared/adapters/cosmos/intakeStore';
import { recentTimelineEvents } from '../../../shared/adapters/cosmos/timelineReader';
import type { IntakeDependencies } from '../../../shared/intake/processInbound';
import type { DeadlineIndex } from '../../../shared/sla/deadlineIndex';
import { withIntakeDeadlines } from '../../../shared/sla/deadlineUpkeep';
import { standardSlaPolicies } from '../../../shared/sla/slaPolicy';
import { CountingCosmos } from './countingCosmos';
import { MemoryIntake } from './memoryIntake';

/**
 * Intake as the function wires it (Cosmos intake store with the deadline index), over Cosmos DB
 * in memory that counts each request; journeys, bookings and the outbox in memory.
 */
export function cosmosIntake(
  /** The time, fixed or read from a clock the test moves. */
  time: Date | (() => Date) = new Date('2026-03-02T09:00:05Z'),
  /** The deadline index, when it is shared (with a sweep); by default over the same Cosmos DB. */
  index?: DeadlineIndex,
): {
  readonly cosmos: CountingCosmos;
  readonly memory: MemoryIntake;
  readonly deps: IntakeDependencies;
} {
  const now = typeof time === 'function' ? time : () => time;
  const cosmos = new CountingCosmos();
  const memory = new MemoryIntake();
  const upkeep = {
    index: index ?? cosmosDeadlineIndex(cosmos.store),
    policies: standardSlaPolicies,
    now,
  };
  return {
    cosmos,
    memory,
    deps: {
      ...memory.deps(now),
      store: withIntakeDeadlines(cosmosIntakeStore(cosmos.store), upkeep, (id) =>
        recentTimelineEvents(cosmos.store, id, 200),
      ),
    },
  };
}
