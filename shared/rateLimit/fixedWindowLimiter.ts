import { createHash } from 'node:crypto';

export type RateVerdict =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/** One window's count for one key, as the store keeps it. */
export interface WindowCount {
  readonly count: number;
  /** Opaque version for a compare-and-swap (a Cosmos ETag). */
  readonly version: string;
}

/**
 * Where counts live: one document per key and window, shared by every instance, each expiring by
 * itself (Cosmos TTL) once its window is over, so nothing has to sweep and no key limit applies.
 */
export interface RateCounterStore {
  read(id: string): Promise<WindowCount | undefined>;
  create(id: string, ttlSeconds: number): Promise<'created' | 'exists'>;
  increment(id: string, from: WindowCount, ttlSeconds: number): Promise<'incremented' | 'conflict'>;
}

export interface RateLimiter {
  /** Whether this request may go ahead, and if not, in how many seconds it may. */
  take(key: string, now: number): Promise<RateVerdict>;
}

/** Tries before a key so contended that its counter never settles is treated as over its limit. */
const maxAttempts = 8;

/** The counter document of a key in a window: a digest, so keys (addresses, ids) are not stored as such. */
export const windowCounterId = (name: string, key: string, windowStart: number): string =>
  `RL-${name}-${createHash('sha256').update(key).digest('hex').slice(0, 32)}-${windowStart}`;

/**
 * Fixed-window limits whose counts every instance shares: a count is read and written back at
 * its version, so two instances counting the same request race and one retries. A limiter that
 * cannot settle a count refuses rather than lets the request through.
 */
export function fixedWindowLimiter(
  store: RateCounterStore,
  options: { readonly name: string; readonly limit: number; readonly windowMs: number },
): RateLimiter {
  const { name, limit, windowMs } = options;
  // Kept a window past its end, so a clock a little behind still finds the count.
  const ttlSeconds = Math.ceil((2 * windowMs) / 1000);
  return {
    async take(key, now) {
      const windowStart = now - (now % windowMs);
      const refused = {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)),
      } as const;
      const id = windowCounterId(name, key, windowStart);
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        const current = await store.read(id);
        if (current === undefined) {
          if ((await store.create(id, ttlSeconds)) === 'created') return { allowed: true };
          continue;
        }
        if (current.count >= limit) return refused;
        if ((await store.increment(id, current, ttlSeconds)) === 'incremented') return { allowed: true };
      }
      return refused;
    },
  };
}
