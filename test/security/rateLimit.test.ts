import { describe, expect, it } from 'vitest';
import { clientAddressOf } from '../../shared/rateLimit/clientAddress';
import { fixedWindowLimiter, type RateCounterStore } from '../../shared/rateLimit/fixedWindowLimiter';

/** The port as Cosmos behaves: create fails on an existing id, replace only at the current version. */
function memoryCounters(): RateCounterStore & { readonly size: () => number } {
  const counts = new Map<string, { count: number; version: number }>();
  return {
    size: () => counts.size,
    read: async (id) => {
      const entry = counts.get(id);
      return entry && { count: entry.count, version: String(entry.version) };
    },
    create: async (id) => {
      if (counts.has(id)) return 'exists';
      counts.set(id, { count: 1, version: 1 });
      return 'created';
    },
    increment: async (id, from) => {
      const entry = counts.get(id);
      if (entry === undefined || String(entry.version) !== from.version) return 'conflict';
      counts.set(id, { count: entry.count + 1, version: entry.version + 1 });
      return 'incremented';
    },
  };
}

describe('the client address a limit is keyed on', () => {
  it('is the last X-Forwarded-For hop, the one the front end appended, without its port', () => {
    expect(clientAddressOf('198.51.100.1, 203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressOf('1.2.3.4, 203.0.113.7:51234')).toBe('203.0.113.7');
    expect(clientAddressOf('[2001:DB8::1]:443')).toBe('2001:db8::1');
    expect(clientAddressOf('::ffff:127.0.0.1')).toBe('::ffff:127.0.0.1');
    expect(clientAddressOf('evil, not-an-address')).toBeUndefined();
    expect(clientAddressOf(null)).toBeUndefined();
  });
});

describe('stored fixed-window limits', () => {
  it('allow the limit in a window, refuse after it with the seconds left, and start again next window', async () => {
    const limiter = fixedWindowLimiter(memoryCounters(), { name: 't', limit: 3, windowMs: 60_000 });
    const at = 120_000 + 15_000;
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await limiter.take('k', at));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false]);
    expect(verdicts[3]).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect((await limiter.take('k', 180_000)).allowed).toBe(true);
    expect((await limiter.take('other', at)).allowed).toBe(true);
  });

  it('count every one of many concurrent requests once, as instances racing on one store', async () => {
    const store = memoryCounters();
    const instances = [1, 2, 3].map(() =>
      fixedWindowLimiter(store, { name: 't', limit: 10, windowMs: 60_000 }),
    );
    const verdicts = await Promise.all(
      Array.from({ length: 12 }, (_, i) => instances[i % 3]!.take('k', 1_000)),
    );
    // Contention never lets more than the limit through; it may refuse one that lost every race.
    expect(verdicts.filter((v) => v.allowed).length).toBeLessThanOrEqual(10);
    expect(verdicts.filter((v) => v.allowed).length).toBeGreaterThanOrEqual(8);
    expect(store.size()).toBe(1);
  });
});
