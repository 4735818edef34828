import { journeyProjectionOf } from '../../../shared/journey/projection';
import { ProjectJourneyInput } from '../activityContracts';
import type { JourneyActivityDependencies } from './dependencies';

/**
 * Writes the journey's status to the ops list, with the work order's region, utility and search
 * keys read now (an amendment may have moved them). A replayed or late call carries a version the
 * store already has or has passed, and changes nothing.
 */
export async function projectJourney(raw: unknown, deps: JourneyActivityDependencies): Promise<void> {
  if (deps.projections === undefined) return;
  const input = ProjectJourneyInput.parse(raw);
  const workOrder = await deps.records.getWorkOrder(input.workOrderId);
  if (workOrder === undefined) throw new Error(`work order ${input.workOrderId} not found`);
  const customer = await deps.records.getCustomer(workOrder.value.customerId);
  await deps.projections.write(journeyProjectionOf(input.status, input.version, workOrder.value, customer));
}
