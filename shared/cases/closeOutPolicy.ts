import { z } from 'zod';
import type { WorkOrderState } from '../workorders/workOrderState';
import type { LinkedWorkOrder } from './caseRecord';

/**
 * When field work resolves a case: `allWorkOrders` waits for every linked work order to finish
 * (at least one completed), `anyWorkOrder` resolves on the first completion.
 */
export const CloseOutPolicy = z.enum(['allWorkOrders', 'anyWorkOrder']);
export type CloseOutPolicy = z.infer<typeof CloseOutPolicy>;

export const isCompletedWork = (state: WorkOrderState): boolean =>
  state.status === 'Completed' || (state.status === 'Closed' && state.outcome === 'completed');

/** Finished one way or another: nothing more will happen in the field for this work order. */
export const isFinishedWork = (state: WorkOrderState): boolean =>
  isCompletedWork(state) || state.status === 'Cancelled' || state.status === 'Closed';

/** Whether the work orders of one resolution cycle resolve the case; none means not yet. */
export function closeOutDue(policy: CloseOutPolicy, workOrders: readonly LinkedWorkOrder[]): boolean {
  const completed = workOrders.some((linked) => isCompletedWork(linked.state));
  switch (policy) {
    case 'anyWorkOrder':
      return completed;
    case 'allWorkOrders':
      return completed && workOrders.every((linked) => isFinishedWork(linked.state));
    default: {
      const unhandled: never = policy;
      throw new Error(`unknown close-out policy ${String(unhandled)}`);
    }
  }
}
