import { z } from 'zod';
import type { ResourceManifest } from '../resources';
import { err, ok, type Result } from '../result';
import { parseIsoDuration } from './isoDuration';

/** A queue as the resource manifest describes it (`infra/resources.json` → `serviceBus.queues`). */
export const QueueDefinition = z.object({
  name: z.string().min(1).max(260),
  lockDuration: z.string(),
  maxDeliveryCount: z.number().int().min(1),
  defaultMessageTimeToLive: z.string(),
  deadLetteringOnMessageExpiration: z.boolean(),
  requiresDuplicateDetection: z.boolean(),
  duplicateDetectionHistoryTimeWindow: z.string(),
  requiresSession: z.boolean(),
  /** Auto-forwarding: every message sent to this queue moves on to the named queue. */
  forwardTo: z.string().min(1).optional(),
});
export type QueueDefinition = z.infer<typeof QueueDefinition>;

/** A queue definition with its durations in milliseconds, as the broker runs it. */
export interface QueueSettings {
  readonly name: string;
  readonly lockDurationMs: number;
  readonly maxDeliveryCount: number;
  readonly defaultTimeToLiveMs: number;
  readonly deadLetteringOnMessageExpiration: boolean;
  readonly requiresDuplicateDetection: boolean;
  readonly duplicateDetectionWindowMs: number;
  /** Messages carry a session id and are received through session receivers only. */
  readonly requiresSession: boolean;
  readonly forwardTo: string | undefined;
}

export function resolveQueue(raw: unknown): Result<QueueSettings, string> {
  const parsed = QueueDefinition.safeParse(raw);
  if (!parsed.success) return err(`invalid queue definition: ${parsed.error.message}`);
  const def = parsed.data;
  const lock = parseIsoDuration(def.lockDuration);
  const ttl = parseIsoDuration(def.defaultMessageTimeToLive);
  const window = parseIsoDuration(def.duplicateDetectionHistoryTimeWindow);
  if (!lock.ok) return err(`queue '${def.name}' lockDuration: ${lock.error}`);
  if (!ttl.ok) return err(`queue '${def.name}' defaultMessageTimeToLive: ${ttl.error}`);
  if (!window.ok) return err(`queue '${def.name}' duplicateDetectionHistoryTimeWindow: ${window.error}`);
  return ok({
    name: def.name,
    lockDurationMs: lock.value,
    maxDeliveryCount: def.maxDeliveryCount,
    defaultTimeToLiveMs: ttl.value,
    deadLetteringOnMessageExpiration: def.deadLetteringOnMessageExpiration,
    requiresDuplicateDetection: def.requiresDuplicateDetection,
    duplicateDetectionWindowMs: window.value,
    requiresSession: def.requiresSession,
    forwardTo: def.forwardTo,
  });
}

/** The queues the resource manifest declares, for a broker that mirrors the deployed namespace. */
export function queuesFromManifest(manifest: ResourceManifest): QueueDefinition[] {
  return Object.values(manifest.serviceBus?.queues ?? {}).map((queue) => QueueDefinition.parse(queue));
}
