import { z } from 'zod';
import { EntityId, ExternalId, Revision, Skill, UtilityCode } from '../common/identifiers';
import { IsoDate, IsoInstant } from '../common/time';
import { Asset } from '../contracts/inbound/asset';
import { Site } from '../contracts/inbound/site';
import { WorkPriority, WorkType } from '../contracts/inbound/workType';
import { FieldUpdateLog } from './fieldUpdateLog';
import { WorkOrderState } from './workOrderState';

/**
 * A work order as stored in the `workOrders` container (partition key `/id`). The id is
 * `workOrderIdFor(utilityCode, externalId)`, so there is one document per utility work order and
 * every read of it is a point read. Contact details live on the Customer, not here.
 */
export const WorkOrder = z.object({
  id: EntityId,
  utilityCode: UtilityCode,
  externalId: ExternalId,
  revision: Revision,
  /** Service Bus messageId of the create; outbound messages from the journey correlate to it. */
  correlationId: z.string().min(1),
  /**
   * Service Bus messageId of the message that brought the work order to its current revision. A
   * redelivery of that same message (after a crash half-way) is told apart from a different
   * message at the same revision: the first resumes its remaining steps, the second is a duplicate.
   */
  revisionMessageId: z.string().min(1),
  customerId: EntityId,
  workType: WorkType,
  priority: WorkPriority,
  dueDate: IsoDate,
  requiredSkills: z.array(Skill),
  estimatedDurationMinutes: z.int().min(15).max(600),
  site: Site,
  asset: Asset.optional(),
  notes: z.string().max(2000).optional(),
  state: WorkOrderState,
  contactAttempts: z.int().min(0),
  caseIds: z.array(EntityId),
  /** Set on a follow-up visit's work order: the one whose partly-done visit made it. */
  followUpOf: EntityId.optional(),
  /** What the technician API has applied, so replayed or late updates from a phone change nothing. */
  fieldUpdates: FieldUpdateLog.optional(),
  receivedAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type WorkOrder = z.infer<typeof WorkOrder>;
