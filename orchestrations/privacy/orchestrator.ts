import type { OrchestrationContext, OrchestrationHandler, Task } from 'durable-functions';
import { ErasureInput } from '../../shared/privacy/privacyRequest';
import {
  erasureActivityNames,
  ErasureScope,
  JourneyEnd,
  StepCounts,
  type ErasureActivityKey,
  type ErasureOutcome,
} from './contract';

type Step<T> = Generator<Task, T, unknown>;

/** How often, and how many times, the erasure looks again at a journey it asked to cancel. */
export const journeyEndPolling = { intervalSeconds: 30, attempts: 20 };

/**
 * Forgetting a person, as a data-protection officer would describe it:
 *
 *   find everything held about them
 *   ─► end every live journey (the utility hears "cancelled") and wait until it has ended
 *   ─► per work order: replace personal fields, delete their files, purge the journey's history
 *   ─► delete the exports already handed out about them
 *   ─► tombstone their cases, then their customer records (what found everything else: last)
 *   ─► keep a record of the erasure, with ids and counts only.
 *
 * Each step is idempotent, so a crash anywhere is repaired by the replay running it again.
 */
export const personalDataErasure: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = ErasureInput.parse(context.df.getInput());
  const call = function* <T>(
    activity: ErasureActivityKey,
    payload: unknown,
    parse: (v: unknown) => T,
  ): Step<T> {
    return parse(yield context.df.callActivity(erasureActivityNames[activity], payload));
  };
  const counted = (value: unknown) => StepCounts.parse(value);

  const scope = yield* call('findRecords', { customerIds: input.customerIds }, (v) => ErasureScope.parse(v));

  for (const workOrderId of scope.workOrderIds) {
    for (let attempt = 0; ; attempt++) {
      const end = yield* call('endJourney', { workOrderId }, (v) => JourneyEnd.parse(v));
      if (end !== 'running') break;
      if (attempt >= journeyEndPolling.attempts) {
        throw new Error(`journey of ${workOrderId} did not end after its cancellation`);
      }
      const wakeAt = new Date(
        context.df.currentUtcDateTime.getTime() + journeyEndPolling.intervalSeconds * 1000,
      );
      yield context.df.createTimer(wakeAt);
    }
  }

  const totals = { replaced: 0, deleted: 0, reads: 0, files: 0, purged: 0 };
  const add = (counts: StepCounts) => {
    totals.replaced += counts.replaced;
    totals.deleted += counts.deleted;
    totals.reads += counts.reads;
  };
  const erasedAt = input.requestedAt;
  for (const workOrderId of scope.workOrderIds) {
    add(yield* call('eraseWorkOrder', { workOrderId, erasedAt }, counted));
    totals.files += yield* call('deleteFiles', { workOrderId }, Number);
    totals.purged += yield* call('purgeJourney', { workOrderId }, Number);
  }
  const exportsDeleted = yield* call('deleteExports', { customerIds: input.customerIds }, Number);
  for (const caseId of scope.caseIds) add(yield* call('eraseCase', { caseId, erasedAt }, counted));
  for (const customerId of input.customerIds) {
    add(yield* call('eraseCustomer', { customerId, erasedAt }, counted));
  }

  const outcome: ErasureOutcome = {
    erasureId: input.erasureId,
    workOrders: scope.workOrderIds.length,
    cases: scope.caseIds.length,
    customers: input.customerIds.length,
    documentsReplaced: totals.replaced,
    documentsDeleted: totals.deleted,
    filesDeleted: totals.files,
    exportsDeleted,
    historiesPurged: totals.purged,
    storageReads: totals.reads,
  };
  yield* call('recordErasure', { input, outcome }, () => undefined);
  return outcome;
};
