import { z } from 'zod';
import { IsoInstant } from '../common/time';

/**
 * What an SLA clock is derived from: when it started, paused, resumed and stopped, and which
 * priority held. Kept on (or derived from) the record's history, so every figure can be replayed
 * and explained from the same entries.
 */
export const SlaLogEntry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('start'), at: IsoInstant, priority: z.string() }),
  z.object({ kind: z.literal('pause'), at: IsoInstant }),
  z.object({ kind: z.literal('resume'), at: IsoInstant }),
  z.object({ kind: z.literal('priority'), at: IsoInstant, priority: z.string() }),
  z.object({ kind: z.literal('stop'), at: IsoInstant }),
]);
export type SlaLogEntry = z.infer<typeof SlaLogEntry>;
