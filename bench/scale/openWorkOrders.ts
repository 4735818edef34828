import type { DeadlineIndex } from '../../shared/sla/deadlineIndex';
import { indexWorkOrderDeadlines } from '../../shared/sla/deadlineUpkeep';
import { standardSlaPolicies as policies } from '../../shared/sla/slaPolicy';
import { aWorkOrder } from '../../test/journey/support/fixtures';

const minute = 60_000;
/** When the scale figures sweep: a Monday morning of the roll-out. */
export const sweepAt = new Date('2026-03-02T09:00:05Z');
/** Normal priority: time to dispatch 4,320 minutes, warning at 75 % (3,240 minutes). */
const warningMinutes = 3240;

/**
 * Indexes the `n`th open work order's deadlines as intake writes them (its clocks computed from its
 * `receivedAt`), straight through the index: the first `due` warn in the five minutes before
 * `sweepAt`, the rest spread over the next days.
 */
export async function indexOpenWorkOrder(index: DeadlineIndex, n: number, due: number): Promise<void> {
  const ageMinutes = n < due ? warningMinutes + 1 + (n % 4) : (n % (warningMinutes - 10)) + 5;
  const workOrder = aWorkOrder({
    id: `WO-SCALE-${n}`,
    priority: 'normal',
    receivedAt: new Date(sweepAt.getTime() - ageMinutes * minute).toISOString(),
  });
  await indexWorkOrderDeadlines(
    { index, policies, now: () => new Date(sweepAt.getTime() - 5 * minute) },
    workOrder,
    [],
  );
}
