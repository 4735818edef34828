import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { err, ok, type Result } from '../result';

/** `hh:mm:ss` (optionally `d.hh:mm:ss`) as host.json writes durations, in milliseconds. */
export function timeSpanMs(value: string): number | undefined {
  const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return undefined;
  const [, days = '0', hours = '0', minutes = '0', seconds = '0', fraction = '0'] = match;
  const wholeSeconds = ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds);
  return wholeSeconds * 1000 + Math.round(Number(`0.${fraction}`) * 1000);
}

const HostJson = z.object({
  extensions: z
    .object({
      http: z.object({ routePrefix: z.string().optional() }).loose().optional(),
      serviceBus: z
        .object({
          maxConcurrentCalls: z.int().min(1).optional(),
          maxAutoLockRenewalDuration: z.string().optional(),
        })
        .loose()
        .optional(),
      durableTask: z
        .object({
          hubName: z.string().min(1).optional(),
          maxConcurrentActivityFunctions: z.int().min(1).optional(),
          overridableExistingInstanceStates: z.enum(['AnyState', 'NonRunningStates']).optional(),
          httpSettings: z
            .object({ defaultAsyncRequestSleepTimeMilliseconds: z.int().min(1).optional() })
            .loose()
            .optional(),
        })
        .loose()
        .optional(),
    })
    .loose()
    .optional(),
});

/** The host.json settings the local runtime honours. */
export interface HostConfig {
  readonly routePrefix: string;
  readonly serviceBus: {
    readonly maxConcurrentCalls: number;
    readonly maxAutoLockRenewalMs: number;
  };
  /** For the Durable engine plug-in the CLI wires in. */
  readonly durableTask: {
    readonly hubName?: string;
    readonly maxConcurrentActivityFunctions?: number;
    readonly overridableExistingInstanceStates?: 'AnyState' | 'NonRunningStates';
    readonly httpSettings?: { readonly defaultAsyncRequestSleepTimeMilliseconds?: number };
  };
}

/** The host's own defaults (Service Bus extension 5.x: 16 × processor count calls; we run one "core"). */
export const defaultHostConfig: HostConfig = {
  routePrefix: 'api',
  serviceBus: { maxConcurrentCalls: 16, maxAutoLockRenewalMs: 5 * 60_000 },
  durableTask: {},
};

export function parseHostConfig(raw: unknown): Result<HostConfig, string> {
  const parsed = HostJson.safeParse(raw);
  if (!parsed.success) {
    return err(
      `host.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const serviceBus = parsed.data.extensions?.serviceBus;
  const renewal = serviceBus?.maxAutoLockRenewalDuration;
  const renewalMs =
    renewal === undefined ? defaultHostConfig.serviceBus.maxAutoLockRenewalMs : timeSpanMs(renewal);
  if (renewalMs === undefined)
    return err('host.json: extensions.serviceBus.maxAutoLockRenewalDuration is not hh:mm:ss');
  return ok({
    routePrefix: (parsed.data.extensions?.http?.routePrefix ?? defaultHostConfig.routePrefix).replace(
      /^\/+|\/+$/g,
      '',
    ),
    serviceBus: {
      maxConcurrentCalls: serviceBus?.maxConcurrentCalls ?? defaultHostConfig.serviceBus.maxConcurrentCalls,
      maxAutoLockRenewalMs: renewalMs,
    },
    durableTask: parsed.data.extensions?.durableTask ?? {},
  });
}

/** host.json in `directory`; the defaults when there is none. */
export function readHostConfig(directory: string): Result<HostConfig, string> {
  const path = join(directory, 'host.json');
  if (!existsSync(path)) return ok(defaultHostConfig);
  try {
    return parseHostConfig(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return err(`${path} is not valid JSON`);
  }
}
