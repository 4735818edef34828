import { transitionCase } from './caseMachine';
import type { WorkOrder } from '../workorders/workOrder';
import type { WorkOrderState } from '../workorders/workOrderState';
import { caseWithState, type CaseHappening } from './caseChanges';
import type { CaseRecord } from './caseRecord';
import { closeOutDue, isFinishedWork, type CloseOutPolicy } from './closeOutPolicy';

/**
 * Links a work order to the case (either direction: an agent sends field service, or a technician
 * raises an issue on site). Linking twice is a no-op. An active case being worked in the field
 * gets the status reason "In Field Service".
 */
export function linkWorkOrder(
  record: CaseRecord,
  workOrder: Pick<WorkOrder, 'id' | 'state'>,
  now: string,
): { record: CaseRecord; happenings: CaseHappening[] } {
  if (record.workOrders.some((linked) => linked.workOrderId === workOrder.id))
    return { record, happenings: [] };
  let next: CaseRecord = {
    ...record,
    workOrders: [
      ...record.workOrders,
      { workOrderId: workOrder.id, state: workOrder.state, updatedAt: now, cycle: record.cycle },
    ],
    updatedAt: now,
  };
  const happenings: CaseHappening[] = [
    {
      type: 'case.workOrderLinked',
      summary: `Linked to work order ${workOrder.id}`,
      data: { workOrderId: workOrder.id },
    },
  ];
  if (
    !isFinishedWork(workOrder.state) &&
    next.state.status === 'Active' &&
    next.state.reason !== 'InFieldService'
  ) {
    const moved = transitionCase(next.state, { type: 'referToFieldService' });
    if (moved.ok) {
      next = caseWithState(next, moved.value, now);
      happenings.push({
        type: 'case.statusChanged',
        summary: 'Active (InFieldService)',
        data: { status: 'Active', reason: 'InFieldService' },
      });
    }
  }
  return { record: next, happenings };
}

export interface SyncSettings {
  readonly cascade: boolean;
  readonly policy: CloseOutPolicy;
}

/**
 * Status sync from a work order to a linked case, and the closure cascade. Safe to repeat: the
 * same status twice changes nothing, and a case already resolved stays as it is. When every
 * linked work order of the current cycle ended without completing, the case goes back to an agent
 * (In Progress).
 */
export function syncWorkOrderStatus(
  record: CaseRecord,
  workOrderId: string,
  state: WorkOrderState,
  settings: SyncSettings,
  now: string,
): { record: CaseRecord; happenings: CaseHappening[] } {
  const known = record.workOrders.find((linked) => linked.workOrderId === workOrderId);
  if (known !== undefined && JSON.stringify(known.state) === JSON.stringify(state))
    return { record, happenings: [] };
  const workOrders = known
    ? record.workOrders.map((linked) =>
        linked.workOrderId === workOrderId ? { ...linked, state, updatedAt: now } : linked,
      )
    : [...record.workOrders, { workOrderId, state, updatedAt: now, cycle: record.cycle }];
  // Only this resolution cycle's work orders decide: a reopened case is not resolved again by
  // the completion it was reopened over, nor sent back to an agent by it.
  const current = workOrders.filter((linked) => linked.cycle === record.cycle);
  let next: CaseRecord = { ...record, workOrders, updatedAt: now };
  const happenings: CaseHappening[] = [
    {
      type: 'case.workOrderStatus',
      summary: `Work order ${workOrderId} is ${state.status}`,
      data: { workOrderId, status: state.status },
    },
  ];
  if (next.state.status !== 'Active') return { record: next, happenings };
  if (settings.cascade && closeOutDue(settings.policy, current)) {
    const resolved = transitionCase(next.state, { type: 'resolve', reason: 'ProblemSolved' });
    if (resolved.ok) {
      next = caseWithState(next, resolved.value, now);
      happenings.push({
        type: 'case.resolved',
        summary: 'Resolved by completed field work',
        data: { workOrderId, by: 'system' },
      });
    }
  } else if (
    current.length > 0 &&
    current.every((linked) => isFinishedWork(linked.state)) &&
    next.state.reason === 'InFieldService'
  ) {
    const back = transitionCase(next.state, { type: 'startWork' });
    if (back.ok) {
      next = caseWithState(next, back.value, now);
      happenings.push({
        type: 'case.statusChanged',
        summary: 'Active (InProgress): field work ended',
        data: { status: 'Active', reason: 'InProgress' },
      });
    }
  }
  return { record: next, happenings };
}
