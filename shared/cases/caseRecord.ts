import { z } from 'zod';
import { Case, CaseOrigin, CaseOwner, CasePriority, CaseType } from './case';
import { CaseState } from './caseState';
import { EntityId } from '../common/identifiers';
import { IsoInstant } from '../common/time';
import { TimelineActor } from '../timeline/timelineEvent';
import { WorkOrderState } from '../workorders/workOrderState';

export const CaseNote = z.object({
  id: EntityId,
  at: IsoInstant,
  author: TimelineActor,
  text: z.string().min(1).max(4000),
});
export type CaseNote = z.infer<typeof CaseNote>;

/**
 * Contact with the customer, logged by the agent who had it: a call with them, or a reply sent by
 * email or SMS. Unlike a note (internal), this is what the first-response clock waits for.
 */
export const CaseContact = z.object({
  id: EntityId,
  at: IsoInstant,
  author: TimelineActor,
  channel: z.enum(['phone', 'email', 'sms']),
  summary: z.string().min(1).max(4000),
});
export type CaseContact = z.infer<typeof CaseContact>;

/** The facts SLA clocks are derived from: status and priority changes and the first response. */
export const CaseHistoryEntry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('opened'), at: IsoInstant, priority: CasePriority }),
  z.object({ kind: z.literal('status'), at: IsoInstant, state: CaseState }),
  z.object({ kind: z.literal('priority'), at: IsoInstant, priority: CasePriority }),
  z.object({ kind: z.literal('firstResponse'), at: IsoInstant }),
]);
export type CaseHistoryEntry = z.infer<typeof CaseHistoryEntry>;

/** A linked work order as the case last heard of it (status sync keeps this current). */
export const LinkedWorkOrder = z.object({
  workOrderId: EntityId,
  state: WorkOrderState,
  updatedAt: IsoInstant,
  /** The resolution cycle (see `CaseRecord.cycle`) whose close-out this work order counts for. */
  cycle: z.int().min(1).default(1),
});
export type LinkedWorkOrder = z.infer<typeof LinkedWorkOrder>;

/**
 * The stored case: the foundation's Case plus what case management keeps with it. `workOrderId`
 * (from Case) is the work order the case was opened about; `workOrders` lists every linked one.
 */
export const CaseRecord = Case.extend({
  docType: z.literal('case'),
  workOrders: z.array(LinkedWorkOrder).max(50),
  notes: z.array(CaseNote).max(500),
  contacts: z.array(CaseContact).max(500).default([]),
  /**
   * Starts at 1; reactivating a resolved case starts the next. Only work orders of the current
   * cycle can resolve the case, so a completion from before the reopen never closes it again.
   */
  cycle: z.int().min(1).default(1),
  history: z.array(CaseHistoryEntry).max(1000),
  firstRespondedAt: IsoInstant.optional(),
});
export type CaseRecord = z.infer<typeof CaseRecord>;

export const NewCaseInput = z.object({
  title: z.string().min(1).max(200),
  description: z.string().max(4000).optional(),
  type: CaseType,
  priority: CasePriority,
  origin: CaseOrigin,
  owner: CaseOwner.optional(),
  customerId: EntityId.optional(),
  workOrderId: EntityId.optional(),
});
export type NewCaseInput = z.infer<typeof NewCaseInput>;
