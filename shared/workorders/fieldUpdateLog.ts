import { z } from 'zod';
import { EntityId } from '../common/identifiers';
import { IsoInstant } from '../common/time';

/**
 * The technician API's memory on the work order itself, written in the same ETag-guarded replace
 * as the state change: an update id seen here was applied. Only recent ids are kept: phones replay
 * a short queue, and anything the visit is already past is answered `stale` by progress anyway.
 * The technician and last status stay after the visit ends, so a phone replaying its queue
 * after the order closed is told "already applied", not "not yours".
 */
export const FieldUpdateLog = z.object({
  /** As the phone claimed it; kept for the record, never used for order or SLAs. */
  lastClientTimestamp: IsoInstant,
  /** The accepted time of the last applied update (device time within the skew, else receipt). */
  lastEventAt: IsoInstant.optional(),
  lastUpdateId: z.string().min(1),
  lastStatus: z.enum(['enRoute', 'onSite', 'completed', 'incomplete']).optional(),
  technicianId: EntityId.optional(),
  recentUpdateIds: z.array(z.string().min(1)).max(50),
  /** Visits that ended (completed or incomplete); first-call resolution means one. */
  visits: z.int().min(0),
});
export type FieldUpdateLog = z.infer<typeof FieldUpdateLog>;
