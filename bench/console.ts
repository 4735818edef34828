import type { Container, OperationInput } from '@azure/cosmos';
import { performance } from 'node:perf_hooks';
import { journeyQuerySpec } from '../shared/adapters/cosmos/journeyProjections';
import { journeyProjectionOf } from '../shared/journey/projection';
import type { JourneyFilter } from '../shared/journey/projectionQuery';
import { JourneyStage } from '../shared/journey/journeyStatus';
import { aWorkOrder } from '../test/journey/support/fixtures';
import { signedInAs, startTestRuntime } from '../test/support/runtime';

const journeys = 100_000;
const regions = ['BE-ANT', 'BE-OVL'] as const;
const utilities = ['FLUVIUS', 'ORES'] as const;
const samples = Number(process.env.BENCH_SAMPLES ?? 300);
const warmUp = 30;
/** The console's page size (`functions/console/journeyListQuery.ts`). */
const pageSize = 25;
const ops = signedInAs({ userId: 'ops-bench', roles: ['ops'] });
const start = Date.UTC(2026, 0, 1);

/** Journey `n`: every stage, both regions and utilities, changes spread over 100 days. */
const projection = (n: number) => {
  const stage = JourneyStage.options[n % JourneyStage.options.length]!;
  return journeyProjectionOf(
    { stage, attempt: 1, updatedAt: new Date(start + ((n * 86_400) % 8_640_000_000)).toISOString() },
    1 + (n % 5),
    aWorkOrder({
      id: `WO-CONSOLE-${n}`,
      externalId: `EXT-${n}`,
      utilityCode: utilities[Math.floor(n / 7) % 2]!,
      site: { ...aWorkOrder().site, region: regions[Math.floor(n / 3) % 2]! },
    }),
    undefined,
  );
};

/** Straight into the container through the SDK, 100 operations a request (the bulk limit). */
async function seed(container: Container): Promise<void> {
  for (let n = 0; n < journeys; n += 100) {
    const operations: OperationInput[] = [];
    for (let i = n; i < Math.min(journeys, n + 100); i++) {
      const document = projection(i);
      operations.push({ operationType: 'Create', partitionKey: document.id, resourceBody: document });
    }
    const answers = await container.items.bulk(operations);
    const failed = answers.find((answer) => answer.statusCode >= 400);
    if (failed) throw new Error(`seeding failed with ${failed.statusCode}`);
  }
}

const percentile = (values: readonly number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))] ?? 0;

async function timed(run: () => Promise<void>): Promise<number> {
  const began = performance.now();
  await run();
  return performance.now() - began;
}

interface Case {
  readonly name: string;
  readonly path: string;
  readonly filter: JourneyFilter;
}

const cases: readonly Case[] = [
  { name: 'first page', path: '/api/console/journeys', filter: {} },
  {
    name: 'filtered page (booked, BE-ANT)',
    path: '/api/console/journeys?stage=booked&region=BE-ANT',
    filter: { stage: 'booked', region: 'BE-ANT' },
  },
];

/**
 * The console's journeys list at 100,000 journeys: the page over HTTP (sign-in, the page's
 * queries, the HTML) beside the single indexed query the page needs, run straight through the
 * SDK against the same container in the same run, one request at a time, interleaved so both
 * meet the same machine. The ratio is what the console adds to the query it cannot do without.
 */
export async function run(): Promise<void> {
  const rt = await startTestRuntime({
    app: () => import('../functions/console/journeysScreen'),
    plugins: [],
    embedded: { cosmos: true, blob: false, outbox: false, serviceBus: false },
  });
  try {
    const container = rt.cosmos!.container('journeys');
    const seeding = await timed(() => seed(container));
    console.log(`seeded ${journeys.toLocaleString('en')} journey documents in ${(seeding / 1000).toFixed(1)} s`);
    for (const { name, path, filter } of cases) {
      const page = async () => {
        const response = await rt.fetch(path, { headers: ops });
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
        const body = await response.text();
        if (!body.includes('WO-CONSOLE-')) throw new Error(`${path} listed no journeys`);
      };
      const query = async () => {
        const answer = await container.items
          .query(journeyQuerySpec(filter, 'page'), { maxItemCount: pageSize })
          .fetchNext();
        if (answer.resources.length !== pageSize) throw new Error(`the ${name} query found too few`);
      };
      for (let i = 0; i < warmUp; i++) {
        await page();
        await query();
      }
      const pages: number[] = [];
      const queries: number[] = [];
      for (let i = 0; i < samples; i++) {
        pages.push(await timed(page));
        queries.push(await timed(query));
      }
      const pageP99 = percentile(pages, 0.99);
      const queryP99 = percentile(queries, 0.99);
      console.log(
        `${name.padEnd(32)} HTTP p50 ${percentile(pages, 0.5).toFixed(1)} ms p99 ${pageP99.toFixed(1)} ms; ` +
          `SDK query p50 ${percentile(queries, 0.5).toFixed(1)} ms p99 ${queryP99.toFixed(1)} ms; ` +
          `page ÷ query p99 ${(pageP99 / queryP99).toFixed(2)}× (target ≤ 2×)`,
      );
    }
  } finally {
    await rt.stop();
  }
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
