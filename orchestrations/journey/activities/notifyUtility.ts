import { contractSchemaVersion } from '../../../shared/contracts/schemaVersion';
import { OutboundMessage } from '../../../shared/contracts/outbound/messages';
import { outboundServiceBusMessage } from '../../../shared/contracts/outbound/serviceBusMessage';
import { NotifyUtilityInput } from '../activityContracts';
import type { JourneyActivityDependencies } from './dependencies';

/**
 * Puts the journey's news on the utility-outbound queue, correlated to the message that created
 * the work order. The body is the same on every retry (time from the orchestrator), so its
 * digest message id lets the queue's duplicate detection drop a repeat.
 */
export async function notifyUtility(raw: unknown, deps: JourneyActivityDependencies): Promise<void> {
  const { workOrderId, notice } = NotifyUtilityInput.parse(raw);
  const workOrder = await deps.records.getWorkOrder(workOrderId);
  if (workOrder === undefined) throw new Error(`work order ${workOrderId} not found`);
  const envelope = {
    schemaVersion: contractSchemaVersion,
    utilityCode: workOrder.value.utilityCode,
    externalId: workOrder.value.externalId,
    workOrderId,
    // A follow-up visit's messages point the utility at the work order it continues.
    ...(workOrder.value.followUpOf === undefined ? {} : { followUpOf: workOrder.value.followUpOf }),
  };
  let body: unknown;
  if (notice.kind === 'completed') {
    const report = await deps.records.getVisitReport(workOrderId, notice.reportId);
    if (report === undefined)
      throw new Error(`visit report ${notice.reportId} of ${workOrderId} not found yet`);
    const { reportId: _reportId, ...rest } = notice;
    body = { ...envelope, ...rest, report };
  } else {
    body = { ...envelope, ...notice };
  }
  await deps.outbox.publish(
    outboundServiceBusMessage(OutboundMessage.parse(body), workOrder.value.correlationId),
  );
}
