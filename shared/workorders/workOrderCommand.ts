import { z } from 'zod';
import { EntityId } from '../common/identifiers';
import { IncompleteReason } from './incompleteReason';
import { CancelledBy, OnHoldReason } from './workOrderState';

/** What the journey, the technician API, ops and intake may ask of a work order. */
export const WorkOrderCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('startContact') }),
  z.object({ type: z.literal('book'), appointmentId: EntityId }),
  z.object({ type: z.literal('reschedule'), appointmentId: EntityId }),
  /** An amendment made the appointment impossible: back to the customer to choose again. */
  z.object({ type: z.literal('unschedule') }),
  z.object({ type: z.literal('dispatch'), technicianId: EntityId }),
  z.object({ type: z.literal('startTravel') }),
  z.object({ type: z.literal('arrive') }),
  z.object({ type: z.literal('complete') }),
  z.object({ type: z.literal('markIncomplete'), reason: IncompleteReason }),
  z.object({ type: z.literal('putOnHold'), reason: OnHoldReason }),
  z.object({ type: z.literal('resume') }),
  z.object({ type: z.literal('cancel'), by: CancelledBy }),
  z.object({ type: z.literal('close') }),
]);
export type WorkOrderCommand = z.infer<typeof WorkOrderCommand>;
export type WorkOrderCommandType = WorkOrderCommand['type'];
