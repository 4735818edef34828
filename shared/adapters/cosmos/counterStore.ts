import { z } from 'zod';
import type { CosmosStore } from '../clients/cosmos';
import { createItem, readItem, replaceItemAt } from './items';

const Counter = z.object({ id: z.string(), value: z.int().min(0) });

const maxAttempts = 50;

/**
 * A named sequence in the `counters` container: read, add one, replace at the read ETag. Two
 * callers racing for the same number — one gets 412 and tries the next — so every number is
 * handed out once. Numbers are never reused even if the caller then fails (gaps are allowed).
 */
export function cosmosSequence(store: CosmosStore, name: string): { next(): Promise<number> } {
  const counters = store.container('counters');
  return {
    async next() {
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        const current = await readItem(counters, name, name);
        if (current === undefined) {
          const first = { id: name, value: 1 };
          if ((await createItem(counters, first)) === 'created') return 1;
          continue;
        }
        const value = Counter.parse(current.resource).value + 1;
        const next = { id: name, value };
        if ((await replaceItemAt(counters, next, name, current.etag)) === 'replaced') return value;
      }
      throw new Error(`counter ${name} is too contended; retry`);
    },
  };
}
