import type { InvocationContext } from '@azure/functions';
import { appClock } from '../../shared/clock';
import { progressPinned } from '../../shared/dispatch/boardChanges';
import { changePlan } from '../../shared/dispatch/planStore';
import { parseSlotId } from '../../shared/scheduling/slot';
import { booking } from '../booking';
import { logLine } from '../http';
import { planStore } from './dependencies';

/**
 * A technician's "on the way" or "on site" pins the visit in the day's plan, so an open board shows
 * it (its live panels follow the plan's ETag) and a re-plan leaves it where it is. Best effort after
 * the status is applied: the next planning run derives the same pin from the work order anyway, so
 * a failed write is logged and the technician's update still stands.
 */
export async function followTechnicianProgress(
  workOrderId: string,
  status: 'enRoute' | 'onSite',
  context: InvocationContext,
): Promise<void> {
  try {
    const current = await booking().current(workOrderId);
    const day = current === undefined ? undefined : parseSlotId(current.slotId);
    if (current === undefined || current.status !== 'booked' || day === undefined) return;
    await changePlan(planStore(), day.region, day.localDate, (plan) => {
      const pinned = plan === undefined ? undefined : progressPinned(plan, current.appointmentId, status);
      return pinned === undefined
        ? { keep: true, result: undefined }
        : { write: { ...pinned, updatedAt: appClock().now().toISOString() }, result: undefined };
    });
  } catch (error) {
    context.warn(
      logLine('technician progress not pinned in the day plan; the next planning run pins it', {
        workOrderId,
        status,
        error: (error as Error).name,
      }),
    );
  }
}
