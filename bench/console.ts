import { performance } from 'node:perf_hooks';
import { journeyQuerySpec } from '../shared/adapters/cosmos/journeyProjections';
import { JourneyListStage } from '../shared/journey/projection';
import type { JourneyFilter } from '../shared/journey/projectionQuery';
import { signedInAs, startTestRuntime } from '../test/support/runtime';
import { percentile, seedJourneyProjections } from './scale/journeysList';
import { hostTimings } from './support/hostTimings';

const journeys = 100_000;
const samples = 300;
const warmUp = 30;
/** The console's page size (`functions/console/journeyListQuery.ts`). */
const pageSize = 25;
const ops = signedInAs({ userId: 'ops-bench', roles: ['ops'] });

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

const timings = hostTimings('consoleJourneys');

/**
 * The console's journeys list at 100,000 journeys: the page over HTTP (sign-in, the page's
 * query, the HTML) beside the single indexed query the page needs, run straight through the
 * SDK against the same container in the same run, one request at a time, interleaved so both
 * meet the same machine. The ratio is what the console adds to the query it cannot do without.
 * The counts per stage are the page's live panel's first poll (`/live`: the rows again and six
 * counts), measured the same way against those seven queries.
 */
export async function run(): Promise<void> {
  const rt = await startTestRuntime({
    app: () => import('../functions/console/journeysScreen'),
    plugins: [],
    embedded: { cosmos: true, blob: false, outbox: false, serviceBus: false },
    log: timings.log,
  });
  try {
    const container = rt.cosmos!.container('journeys');
    const seeding = await timed(() => seedJourneyProjections(container, journeys));
    console.log(
      `seeded ${journeys.toLocaleString('en')} journey documents in ${(seeding / 1000).toFixed(1)} s`,
    );
    for (const { name, path, filter } of cases) {
      const page = async () => {
        const response = await rt.fetch(path, { headers: ops });
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
        const body = await response.text();
        if (!body.includes('WO-SCALE-J-')) throw new Error(`${path} listed no journeys`);
      };
      const query = async () => {
        const answer = await container.items
          .query(journeyQuerySpec(filter, 'page'), { maxItemCount: pageSize })
          .fetchNext();
        if (answer.resources.length !== pageSize) throw new Error(`the ${name} query found too few`);
      };
      // The page's counts take its filters but the stage (`JourneyCountQuery`), one per stage.
      const { stage: _stage, ...countFilter } = filter;
      const allQueries = async () => {
        await Promise.all([
          query(),
          ...JourneyListStage.options.map((stage) =>
            container.items.query(journeyQuerySpec({ ...countFilter, stage }, 'count')).fetchAll(),
          ),
        ]);
      };
      const livePath = path.replace('/api/console/journeys', '/api/console/journeys/live');
      const live = async () => {
        const response = await rt.fetch(livePath, { headers: ops });
        if (response.status !== 200) throw new Error(`${livePath} answered ${response.status}`);
        if (!(await response.text()).includes('All stages')) throw new Error(`${livePath} counted nothing`);
      };
      for (let i = 0; i < warmUp; i++) {
        await page();
        await query();
        await live();
        await allQueries();
      }
      timings.take();
      const pages: number[] = [];
      const queries: number[] = [];
      const polls: number[] = [];
      const sideBySide: number[] = [];
      for (let i = 0; i < samples; i++) {
        pages.push(await timed(page));
        queries.push(await timed(query));
        polls.push(await timed(live));
        sideBySide.push(await timed(allQueries));
      }
      const hosted = timings.take();
      const p99 = {
        page: percentile(pages, 0.99),
        hosted: percentile(hosted, 0.99),
        query: percentile(queries, 0.99),
        live: percentile(polls, 0.99),
        all: percentile(sideBySide, 0.99),
      };
      const figures = (values: readonly number[]) =>
        `p50 ${percentile(values, 0.5).toFixed(1)} ms p99 ${percentile(values, 0.99).toFixed(1)} ms`;
      console.log(`${name}:`);
      console.log(`  HTTP page, as the host times it        ${figures(hosted)} (${hosted.length} requests)`);
      console.log(`  HTTP page, as the bench's client sees  ${figures(pages)}`);
      console.log(`  its list query through the SDK         ${figures(queries)}`);
      console.log(`  its counts: the live panel's poll      ${figures(polls)}`);
      console.log(`  list + 6 stage counts, side by side    ${figures(sideBySide)}`);
      console.log(
        `  page (host) ÷ list query p99 ${(p99.hosted / p99.query).toFixed(2)}× (target ≤ 2×); ` +
          `page (client) ÷ list query p99 ${(p99.page / p99.query).toFixed(2)}×; ` +
          `counts poll ÷ its 7 queries p99 ${(p99.live / p99.all).toFixed(2)}×`,
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
