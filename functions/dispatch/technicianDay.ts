import { readItem } from '../../shared/adapters/cosmos/items';
import { plannedVisitsOf, type PlannedVisit } from '../../shared/dispatch/plannedSchedule';
import { Technician } from '../../shared/technicians/technician';
import { cosmos } from '../platform';
import { planStore } from './dependencies';

/**
 * A technician's visits on a local day from their region's stored plan, in the planned order;
 * undefined when the technician is unknown or the day has no plan yet.
 */
export async function plannedDay(technicianId: string, date: string): Promise<PlannedVisit[] | undefined> {
  const found = await readItem(cosmos().container('technicians'), technicianId, technicianId);
  if (found === undefined) return undefined;
  const technician = Technician.parse(found.resource);
  const stored = await planStore().get(technician.region, date);
  if (stored === undefined) return undefined;
  return plannedVisitsOf(stored.value, technicianId);
}
