import type { Container, OperationInput } from '@azure/cosmos';
import { performance } from 'node:perf_hooks';
import { cosmosStore } from '../../shared/adapters/clients';
import { cosmosJourneyProjections } from '../../shared/adapters/cosmos/journeyProjections';
import { journeyProjectionOf } from '../../shared/journey/projection';
import { JourneyStage } from '../../shared/journey/journeyStatus';
import { countJourneys, JourneyListQuery, listJourneyPage } from '../../shared/journey/projectionQuery';
import { resources } from '../../shared/resources';
import { aWorkOrder } from '../../test/journey/support/fixtures';
import { embeddedCosmosClient } from '../support/embeddedCosmosClient';

const regions = ['BE-ANT', 'BE-OVL'] as const;
const utilities = ['FLUVIUS', 'ORES'] as const;
const start = Date.UTC(2026, 0, 1);

/** Journey `n`: every stage, two regions, two utilities, changes spread over 100 days. */
const projection = (n: number) =>
  journeyProjectionOf(
    {
      stage: JourneyStage.options[n % JourneyStage.options.length]!,
      attempt: 1,
      updatedAt: new Date(start + ((n * 86_400) % 8_640_000_000)).toISOString(),
    },
    1 + (n % 5),
    aWorkOrder({
      id: `WO-SCALE-J-${n}`,
      externalId: `EXT-${n}`,
      utilityCode: utilities[Math.floor(n / 7) % 2]!,
      site: { ...aWorkOrder().site, region: regions[Math.floor(n / 3) % 2]! },
    }),
    undefined,
  );

/** Journey projection documents straight into the container through the SDK, 100 a bulk request. */
export async function seedJourneyProjections(container: Container, count: number): Promise<void> {
  for (let n = 0; n < count; n += 100) {
    const operations: OperationInput[] = [];
    for (let i = n; i < Math.min(count, n + 100); i++) {
      const document = projection(i);
      operations.push({ operationType: 'Create', partitionKey: document.id, resourceBody: document });
    }
    const failed = (await container.items.bulk(operations)).find((answer) => answer.statusCode >= 400);
    if (failed) throw new Error(`seeding journeys failed with ${failed.statusCode}`);
  }
}

export const percentile = (values: readonly number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))] ?? 0;

async function timesOf(samples: number, run: () => Promise<unknown>): Promise<string> {
  for (let i = 0; i < 20; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const began = performance.now();
    await run();
    times.push(performance.now() - began);
  }
  return `p50 ${percentile(times, 0.5).toFixed(1)} ms p99 ${percentile(times, 0.99).toFixed(1)} ms`;
}

/**
 * The ops journey list at 100,000 journeys, as `GET /ops/journeys` reads it: the projection store
 * on the embedded Cosmos DB (one indexed query a page), the first page, a filtered page (stage and
 * region) and the page after it by continuation; and the counts per stage beside them.
 */
export async function journeysListFigures(journeys = 100_000, samples = 200): Promise<void> {
  const { client, stop } = await embeddedCosmosClient([resources.cosmos.containers.journeys]);
  try {
    const store = cosmosJourneyProjections(cosmosStore(client));
    await seedJourneyProjections(cosmosStore(client).container('journeys'), journeys);
    const first = JourneyListQuery.parse({});
    const filtered = JourneyListQuery.parse({ stage: 'booked', region: 'BE-ANT' });
    const next = (await listJourneyPage(store, filtered)).continuation;
    const firstPage = await timesOf(samples, () => listJourneyPage(store, first));
    const filteredPage = await timesOf(samples, () => listJourneyPage(store, filtered));
    const nextPage = await timesOf(samples, () =>
      listJourneyPage(store, { ...filtered, continuation: next }),
    );
    const counts = await timesOf(samples, () => countJourneys(store, { region: 'BE-ANT' }));
    console.log(
      `journeys list at ${journeys.toLocaleString('en')} (target p99 ≤ 100 ms): first page ${firstPage}; ` +
        `filtered page (booked, BE-ANT) ${filteredPage}; its next page ${nextPage}; ` +
        `counts per stage (6 queries side by side) ${counts}`,
    );
  } finally {
    await stop();
  }
}
