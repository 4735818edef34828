import { parseSlotId } from '../../shared/scheduling/slot';
import { plannedEta } from '../../shared/dispatch/plannedSchedule';
import { booking } from '../booking';
import { planStore } from './dependencies';

/**
 * The ETA the "technician on the way" message carries: from the day's plan when the work order's
 * current appointment is in a route, else undefined (the phone's own estimate stands).
 */
export async function etaFromPlan(workOrderId: string, departedAt: string): Promise<string | undefined> {
  const current = await booking().current(workOrderId);
  if (current === undefined || current.status !== 'booked') return undefined;
  const day = parseSlotId(current.slotId);
  if (day === undefined) return undefined;
  const stored = await planStore().get(day.region, day.localDate);
  return stored === undefined
    ? undefined
    : plannedEta(stored.value, current.appointmentId, new Date(departedAt));
}
