import { z } from 'zod';
import { IsoInstant } from '../common/time';

/**
 * The technician API's memory on the work order itself, written in the same ETag-guarded replace
 * as the state change: an update id seen here was applied, and nothing older than
 * `lastClientTimestamp` may overwrite the state. Only recent ids are kept: phones replay a
 * short queue, and anything older than the last applied update is refused by time anyway.
 */
export const FieldUpdateLog = z.object({
  lastClientTimestamp: IsoInstant,
  lastUpdateId: z.string().min(1),
  recentUpdateIds: z.array(z.string().min(1)).max(50),
  /** Visits that ended (completed or incomplete); first-call resolution means one. */
  visits: z.int().min(0),
});
export type FieldUpdateLog = z.infer<typeof FieldUpdateLog>;
