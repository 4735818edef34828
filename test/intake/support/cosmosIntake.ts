import { cosmosDeadlineIndex } from '../../../shared/adapters/cosmos/deadlineIndex';
import { cosmosIntakeStore } from '../../../shared/adapters/cosmos/intakeStore';
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
  now = new Date('2026-03-02T09:00:05Z'),
  /** The deadline index, when it is shared (with a sweep); by default over the same Cosmos DB. */
  index?: DeadlineIndex,
): {
  readonly cosmos: CountingCosmos;
  readonly memory: MemoryIntake;
  readonly deps: IntakeDependencies;
} {
  const cosmos = new CountingCosmos();
  const memory = new MemoryIntake();
  const upkeep = {
    index: index ?? cosmosDeadlineIndex(cosmos.store),
    policies: standardSlaPolicies,
    now: () => now,
  };
  return {
    cosmos,
    memory,
    deps: { ...memory.deps(now), store: withIntakeDeadlines(cosmosIntakeStore(cosmos.store), upkeep) },
  };
}
