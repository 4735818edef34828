import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { loadCustomer360Sources } from '../../shared/adapters/cosmos/customer360Reader';
import type { WorkOrder } from '../../shared/workorders/workOrder';
import type { WorkOrderState } from '../../shared/workorders/workOrderState';
import { renderStatusPage, type PastVisit, type StepName } from '../../web/customer/statusPage';
import { selfServiceDependencies } from './dependencies';
import { resolveLink } from './linkContext';
import { cancelledMessage, renderManagePage } from './page';
import { htmlResponse } from './responses';

const stepOf = (state: WorkOrderState): StepName => {
  switch (state.status) {
    case 'Received':
    case 'AwaitingCustomer':
    case 'OnHold':
    case 'Cancelled':
      return 'received';
    case 'Scheduled':
    case 'Dispatched':
    case 'Incomplete':
      return 'booked';
    case 'EnRoute':
    case 'OnSite':
      return 'enRoute';
    case 'Completed':
    case 'Closed':
      return 'done';
    default: {
      const unhandled: never = state;
      throw new Error(`unknown state ${JSON.stringify(unhandled)}`);
    }
  }
};

/** A finished work order as a past visit; undefined while it is still open. */
const visitOf = (workOrder: WorkOrder): PastVisit | undefined => {
  const { state } = workOrder;
  const at = workOrder.updatedAt;
  if (state.status === 'Cancelled') return { workType: workOrder.workType, at, outcome: 'cancelled' };
  if (state.status === 'Completed') return { workType: workOrder.workType, at, outcome: 'completed' };
  if (state.status !== 'Closed') return undefined;
  return { workType: workOrder.workType, at, outcome: state.outcome };
};

/**
 * Where the request stands and the person's earlier visits (their other work orders, found
 * through the same phone or email as the agents' 360 view), behind the same signed link.
 */
export async function statusPage(request: HttpRequest): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const resolved = await resolveLink(request, deps, 'status');
  if (!resolved.ok) return resolved.response;
  const link = resolved.link;
  if (cancelledMessage(link) !== undefined) return renderManagePage(link, deps);
  const [current, sources] = await Promise.all([
    deps.booking.current(link.workOrder.id),
    loadCustomer360Sources(deps.store, link.workOrder.customerId),
  ]);
  const pastVisits = (sources?.workOrders ?? [])
    .filter((other) => other.id !== link.workOrder.id)
    .flatMap((other) => visitOf(other) ?? [])
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, 10);
  return htmlResponse(
    renderStatusPage(link.base, {
      workType: link.workOrder.workType,
      current: stepOf(link.workOrder.state),
      receivedAt: link.workOrder.receivedAt,
      appointment: current?.status === 'booked' ? current : undefined,
      pastVisits,
    }),
  );
}
