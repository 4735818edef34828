import { isTerminalWorkOrderStatus } from '../workorders/workOrderState';
import type { WorkOrder } from '../workorders/workOrder';

/**
 * The work order a reply is about when one number belongs to several: the newest one still open,
 * since that is the one we have most recently been texting about.
 */
export function currentWorkOrder<T extends Pick<WorkOrder, 'state' | 'receivedAt'>>(
  workOrders: readonly T[],
): T | undefined {
  return workOrders
    .filter((workOrder) => !isTerminalWorkOrderStatus(workOrder.state.status))
    .reduce<T | undefined>(
      (newest, workOrder) =>
        newest === undefined || Date.parse(workOrder.receivedAt) > Date.parse(newest.receivedAt)
          ? workOrder
          : newest,
      undefined,
    );
}
