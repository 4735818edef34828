import type { Container } from '@azure/cosmos';
import { performance } from 'node:perf_hooks';
import { cosmosStore, type CosmosStore } from '../../shared/adapters/clients';
import { cosmosDeadlineIndex } from '../../shared/adapters/cosmos/deadlineIndex';
import type { SlaSubject } from '../../shared/sla/deadlineIndex';
import { sweepDeadlines } from '../../shared/sla/deadlineSweep';
import type { SlaCrossing } from '../../shared/sla/slaCrossings';
import { resources } from '../../shared/resources';
import { embeddedCosmosClient } from '../support/embeddedCosmosClient';
import { indexOpenWorkOrder, sweepAt } from './openWorkOrders';

const writers = 32;

interface Requests {
  queries: number;
  pointReads: number;
  writes: number;
}

/**
 * The store with every request the deadline index sends counted: a query (`items.query`, however
 * many pages it takes), a point read (`item().read`), a write (upsert, create, replace, delete).
 */
function counting(store: CosmosStore, requests: Requests): CosmosStore {
  const countOn = <T extends object>(target: T, counted: Readonly<Record<string, keyof Requests>>): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value: unknown = Reflect.get(object, property, receiver);
        const kind = typeof property === 'string' ? counted[property] : undefined;
        if (kind === undefined || typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          requests[kind] += 1;
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      },
    });
  const wrap = (container: Container): Container =>
    new Proxy(container, {
      get(object, property) {
        if (property === 'items')
          return countOn(object.items, { query: 'queries', upsert: 'writes', create: 'writes' });
        if (property === 'item')
          return (id: string, partitionKey: string) =>
            countOn(object.item(id, partitionKey), {
              read: 'pointReads',
              replace: 'writes',
              delete: 'writes',
            });
        return Reflect.get(object, property) as unknown;
      },
    });
  return { database: store.database, container: (key) => wrap(store.container(key)) };
}

/**
 * The SLA sweep on the real Cosmos DB adapter: the deadline index of `open` work orders written
 * through `cosmosDeadlineIndex` into the embedded Cosmos DB (an entry and a pointer each, as intake
 * writes them), `due` of them with a warning in the last five minutes, then one sweep. The figure
 * is what Azure would be asked (queries, point reads, writes) and how long the whole sweep took.
 */
export async function sweepOnCosmosFigures(open = 100_000, due = 100): Promise<void> {
  const { client, stop } = await embeddedCosmosClient([resources.cosmos.containers.deadlines]);
  try {
    const seeding = cosmosDeadlineIndex(cosmosStore(client));
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: writers }, async () => {
        for (let n = next++; n < open; n = next++) await indexOpenWorkOrder(seeding, n, due);
      }),
    );
    await seeding.sweptUntil(new Date('2026-03-02T08:00:00Z'));
    console.log(
      `seeded ${open} open work orders' deadlines into the embedded Cosmos DB through the adapter in ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const requests: Requests = { queries: 0, pointReads: 0, writes: 0 };
    const index = cosmosDeadlineIndex(counting(cosmosStore(client), requests));
    const recorded = new Set<string>();
    const record = async (subject: SlaSubject, crossing: SlaCrossing) => {
      const key = `${subject.id} ${crossing.metric} ${crossing.level}`;
      if (recorded.has(key)) return false;
      recorded.add(key);
      return true;
    };
    const sweepStarted = performance.now();
    const sweep = await sweepDeadlines(index, record, sweepAt);
    const sweepMs = performance.now() - sweepStarted;
    console.log(
      `SLA sweep on the Cosmos DB adapter, ${open} open: ${sweep.entriesRead} due read, ` +
        `${sweep.crossingsWritten} crossings, ${requests.queries} queries, ${requests.pointReads} point reads, ` +
        `${requests.writes} writes, ${sweepMs.toFixed(1)} ms (target ≤ 1 s, ≤ 10 queries)`,
    );
  } finally {
    await stop();
  }
}

if (require.main === module) {
  sweepOnCosmosFigures(Number(process.env['BENCH_SWEEP_OPEN'] ?? 100_000)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
