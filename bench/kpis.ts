import { cosmos } from '../functions/platform';
import { DurableEngine } from '@fieldline/functions-local';
import { cosmosKpiDays } from '../shared/adapters/cosmos/kpiStore';
import { emptyKpiDay, kpiShards, recordKpiFact, type KpiDay, type KpiFact } from '../shared/kpis';
import { signedInAs, startTestRuntime } from '../test/support/runtime';

const ops = signedInAs({ userId: 'ops-1', roles: ['ops'] });
/**
 * A million work orders a year is about 2,740 a day (here 2,744, eight documents of 343); the counters are what such a day would hold,
 * spread over the day's documents, each with a full list of fact ids.
 */
const perDay = 2744;
const reportReads = 40;
const facts = 400;
const concurrentWriters = 8;

const percentile = (values: number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))] ?? 0;

function yearOfDays(): KpiDay[] {
  const days: KpiDay[] = [];
  for (let ms = Date.UTC(2025, 0, 1); ms <= Date.UTC(2025, 11, 31); ms += 86_400_000) {
    const date = new Date(ms).toISOString().slice(0, 10);
    for (let shard = 0; shard < kpiShards; shard++) {
      const day = emptyKpiDay(date, new Date(ms).toISOString(), shard);
      days.push({
        ...day,
        counters: {
          ...day.counters,
          completions: perDay,
          visits: perDay + 300,
          noShows: 120,
          casesOpened: 900,
        },
        // A realistic spread of end-to-end times: 60 sketch buckets (about 1 to 3 days) in use.
        resolutionSketch: Object.fromEntries(
          Array.from({ length: 60 }, (_, i) => [String(350 + i), Math.ceil(perDay / kpiShards / 60)]),
        ),
        factIds: Array.from({ length: 500 }, (_, i) => `fact-${i}`.padEnd(16, '0')),
      });
    }
  }
  return days;
}

/**
 * A year's KPI report over day documents as full as a million-work-order year makes them (one
 * document per day, whatever the volume), and recording facts: one writer, then eight writers on
 * the same day document (ETag conflicts and retries), on the local runtime's embedded Cosmos.
 */
export async function run(): Promise<void> {
  const rt = await startTestRuntime({
    app: () => import('../functions/kpis'),
    plugins: [new DurableEngine()],
    embedded: { cosmos: true, blob: false, outbox: false },
  });
  try {
    const kpis = rt.cosmos!.container('kpis');
    for (const day of yearOfDays()) await kpis.items.upsert(day);

    const latencies: number[] = [];
    for (let i = 0; i < reportReads; i++) {
      const started = performance.now();
      const response = await rt.fetch('/api/kpis?from=2025-01-01&to=2025-12-31', { headers: ops });
      if (response.status !== 200) throw new Error(`GET /api/kpis answered ${response.status}`);
      await response.json();
      latencies.push(performance.now() - started);
    }
    console.log(
      `GET /api/kpis over 365 days (12 month queries): p50 ${percentile(latencies, 0.5).toFixed(1)} ms, ` +
        `p90 ${percentile(latencies, 0.9).toFixed(1)} ms (${reportReads} reads)`,
    );

    const store = cosmosKpiDays(cosmos());
    const monthStarted = performance.now();
    for (let i = 0; i < reportReads; i++) await store.listMonth('2025-06', '2025-06-01', '2025-06-30');
    const monthMs = (performance.now() - monthStarted) / reportReads;
    console.log(
      `baseline: one month's query (240 documents) with the year stored: ${monthMs.toFixed(1)} ms average`,
    );
    console.log(
      `ratio year report p50 / one month query: ${(percentile(latencies, 0.5) / monthMs).toFixed(1)}× (12 months)`,
    );
    const fact = (i: number, date: string): KpiFact => ({
      kind: 'caseOpened',
      caseId: `CASE-${i}`,
      at: `${date}T10:00:00Z`,
    });
    let started = performance.now();
    for (let i = 0; i < facts; i++) await recordKpiFact(store, fact(i, '2026-03-02'), new Date());
    const sequential = (facts / (performance.now() - started)) * 1000;

    started = performance.now();
    await Promise.all(
      Array.from({ length: concurrentWriters }, async (_, writer) => {
        for (let i = writer; i < facts; i += concurrentWriters)
          await recordKpiFact(store, fact(i, '2026-03-03'), new Date());
      }),
    );
    const contended = (facts / (performance.now() - started)) * 1000;
    const counted = (await store.listMonth('2026-03', '2026-03-03', '2026-03-03')).reduce(
      (sum, day) => sum + day.counters.casesOpened,
      0,
    );
    console.log(`recordKpiFact, one writer (baseline): ${sequential.toFixed(0)} facts/s`);
    console.log(
      `recordKpiFact, ${concurrentWriters} writers on one day: ${contended.toFixed(0)} facts/s, ` +
        `${counted}/${facts} counted, ratio to one writer ${(contended / sequential).toFixed(2)}`,
    );
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
