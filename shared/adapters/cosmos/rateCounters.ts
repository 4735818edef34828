import { z } from 'zod';
import type { RateCounterStore } from '../../rateLimit/fixedWindowLimiter';
import type { CosmosStore } from '../clients/cosmos';
import { createItem, readItem, replaceItemAt } from './items';

const Counter = z.object({ id: z.string(), count: z.int().min(0) });

/**
 * Rate-limit counts in the `rateLimits` container: one document per key and window with its own
 * `ttl` (the container has TTL on), replaced at its ETag so concurrent instances never lose a count.
 */
export function cosmosRateCounters(store: CosmosStore): RateCounterStore {
  const counters = store.container('rateLimits');
  return {
    async read(id) {
      const item = await readItem(counters, id, id);
      if (item === undefined) return undefined;
      return { count: Counter.parse(item.resource).count, version: item.etag };
    },
    create: (id, ttlSeconds) => createItem(counters, { id, count: 1, ttl: ttlSeconds }),
    async increment(id, from, ttlSeconds) {
      const next: { readonly id: string; readonly count: number; readonly ttl: number } = {
        id,
        count: from.count + 1,
        ttl: ttlSeconds,
      };
      const replaced = await replaceItemAt(counters, next, id, from.version);
      return replaced === 'replaced' ? 'incremented' : 'conflict';
    },
  };
}
