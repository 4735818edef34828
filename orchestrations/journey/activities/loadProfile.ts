import { cadenceFor } from '../../../shared/journey/cadence';
import { customerTimeZone } from '../../../shared/journey/customerTimeZone';
import { LoadProfileInput, type JourneyProfile } from '../activityContracts';
import type { JourneyActivityDependencies } from './dependencies';

/** The facts the journey plans with: work type, language, reachable channels and the cadence. */
export async function loadProfile(raw: unknown, deps: JourneyActivityDependencies): Promise<JourneyProfile> {
  const input = LoadProfileInput.parse(raw);
  const workOrder = await deps.records.getWorkOrder(input.workOrderId);
  if (workOrder === undefined) throw new Error(`work order ${input.workOrderId} not found`);
  // The work order names its customer: a follow-up visit keeps the original order's customer.
  const customer = await deps.records.getCustomer(workOrder.value.customerId);
  if (customer === undefined) throw new Error(`customer of ${input.workOrderId} not found`);
  return {
    workType: workOrder.value.workType,
    language: customer.language,
    hasPhone: deps.smsAvailable && customer.phone !== undefined,
    hasEmail: customer.email !== undefined,
    ...(customer.preferredChannel === undefined ? {} : { preferredChannel: customer.preferredChannel }),
    smsOptedOut: customer.smsOptedOut,
    cadence: cadenceFor(
      workOrder.value.workType,
      deps.tuning,
      deps.cadenceOverrides,
      customerTimeZone(workOrder.value, {
        timeZone: deps.tuning.quietHours.timeZone,
        utilityTimeZones: deps.tuning.utilityTimeZones,
      }),
    ),
  };
}
