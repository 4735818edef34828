import { z } from 'zod';
import { EntityId } from '../common/identifiers';
import { IncompleteReason } from './incompleteReason';

/** `noChannel`: nothing to reach the customer on (no phone or SMS, no email), so no attempt was made. */
export const OnHoldReason = z.enum(['noContact', 'noChannel', 'customerRequest', 'deliveryFailed']);
export type OnHoldReason = z.infer<typeof OnHoldReason>;

export const CancelledBy = z.enum(['utility', 'customer', 'ops']);
export type CancelledBy = z.infer<typeof CancelledBy>;

/** How a work order ended up Closed; decided by the state it was closed from. */
export const ClosureOutcome = z.enum(['completed', 'unreachable', 'incomplete']);
export type ClosureOutcome = z.infer<typeof ClosureOutcome>;

const visit = { appointmentId: EntityId, technicianId: EntityId };

/**
 * Where a work order is in its lifecycle, with exactly the facts that state needs: a Scheduled
 * order always has its appointment, a Dispatched one its technician, so readers never check for
 * half-filled records.
 */
export const WorkOrderState = z.discriminatedUnion('status', [
  z.object({ status: z.literal('Received') }),
  z.object({ status: z.literal('AwaitingCustomer') }),
  z.object({ status: z.literal('Scheduled'), appointmentId: EntityId }),
  z.object({ status: z.literal('Dispatched'), ...visit }),
  z.object({ status: z.literal('EnRoute'), ...visit }),
  z.object({ status: z.literal('OnSite'), ...visit }),
  z.object({ status: z.literal('Completed'), ...visit }),
  z.object({ status: z.literal('Incomplete'), ...visit, reason: IncompleteReason }),
  z.object({ status: z.literal('OnHold'), reason: OnHoldReason }),
  z.object({ status: z.literal('Cancelled'), by: CancelledBy }),
  z.object({ status: z.literal('Closed'), outcome: ClosureOutcome }),
]);
export type WorkOrderState = z.infer<typeof WorkOrderState>;
export type WorkOrderStatus = WorkOrderState['status'];

export const workOrderStatuses: readonly WorkOrderStatus[] = WorkOrderState.options.map(
  (option) => option.shape.status.value,
);

/** Nothing leaves these. Completed is not among them: it still has to be closed. */
export const terminalWorkOrderStatuses: readonly WorkOrderStatus[] = ['Cancelled', 'Closed'];

export const isTerminalWorkOrderStatus = (status: WorkOrderStatus): boolean =>
  terminalWorkOrderStatuses.includes(status);

export const initialWorkOrderState: WorkOrderState = { status: 'Received' };
