import { z } from 'zod';
import { EntityId, Revision, UtilityCode, ExternalId } from '../common/identifiers';
import { IsoInstant } from '../common/time';

/**
 * A utility cancel that arrived before the work order it cancels. It is answered `rejected`
 * (there is nothing to cancel yet) but kept, in the idempotency container, so that a create or
 * amend at a lower revision arriving late is answered `cancelled` instead of starting work the
 * utility has already withdrawn.
 */
export const CancelTombstone = z.object({
  id: z.string().min(1),
  docType: z.literal('cancelBeforeCreate'),
  workOrderId: EntityId,
  utilityCode: UtilityCode,
  externalId: ExternalId,
  revision: Revision,
  messageId: z.string().min(1),
  reason: z.string().max(500).optional(),
  receivedAt: IsoInstant,
});
export type CancelTombstone = z.infer<typeof CancelTombstone>;

export const cancelTombstoneId = (workOrderId: string): string => `cancel:${workOrderId}`;
