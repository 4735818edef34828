import { z } from 'zod';
import { IsoInstant } from '../common/time';

/**
 * What an SLA clock is derived from, kept on (or derived from) the record's history so every
 * figure can be replayed and explained from the same entries:
 * - `start` the clock (with the priority), `priority` re-targets it;
 * - `pause` / `resume` a running clock (waiting for the customer, on hold);
 * - `stop`: the goal was reached (responded, resolved, dispatched, completed);
 * - `reopen`: a stopped clock runs again (a reactivated case) — `resume` never does that, so a
 *   "booked" arriving with or after "dispatched" cannot restart a dispatch clock;
 * - `cancel`: the goal no longer applies (the utility withdrew the work); counted neither way;
 * - `abandon`: the work ended without reaching the goal (closed unreachable): a miss.
 */
export const SlaLogEntry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('start'), at: IsoInstant, priority: z.string() }),
  z.object({ kind: z.literal('priority'), at: IsoInstant, priority: z.string() }),
  z.object({ kind: z.literal('reopen'), at: IsoInstant }),
  z.object({ kind: z.literal('pause'), at: IsoInstant }),
  z.object({ kind: z.literal('resume'), at: IsoInstant }),
  z.object({ kind: z.literal('stop'), at: IsoInstant }),
  z.object({ kind: z.literal('abandon'), at: IsoInstant }),
  z.object({ kind: z.literal('cancel'), at: IsoInstant }),
]);
export type SlaLogEntry = z.infer<typeof SlaLogEntry>;
export type SlaLogKind = SlaLogEntry['kind'];

/**
 * The order of entries at one instant (writers in different places can stamp the same
 * millisecond): re-targeting and reopening first, the clock's end last. So "booked" and
 * "dispatched" written together leave the dispatch clock stopped, whichever was stored first.
 */
export const slaLogRank: Readonly<Record<SlaLogKind, number>> = {
  start: 0,
  priority: 1,
  reopen: 2,
  pause: 3,
  resume: 4,
  stop: 5,
  abandon: 6,
  cancel: 7,
};
