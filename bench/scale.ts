import {
  kpiDaysFor,
  kpiReport,
  recordKpiFact,
  rollUpClosedMonths,
  monthsOf,
  type KpiFact,
} from '../shared/kpis';
import type { SlaSubject } from '../shared/sla/deadlineIndex';
import type { SlaCrossing } from '../shared/sla/slaCrossings';
import { sweepDeadlines } from '../shared/sla/deadlineSweep';
import { memoryKpiStores } from '../test/kpis/support/memoryKpiStores';
import { MemoryDeadlineIndex } from '../test/sla/support/memoryDeadlineIndex';
import { intakeAtScale } from './scale/intake';
import { journeysListFigures } from './scale/journeysList';
import { memoryPerWorkOrder } from './scale/memory';
import { indexOpenWorkOrder, sweepAt } from './scale/openWorkOrders';
import { sweepOnCosmosFigures } from './scale/sweepOnCosmos';

const open = 100_000;
const due = 100;

const percentile = (values: number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))] ?? 0;

/** The deadline index of `open` work orders, `due` of them warning before `sweepAt`, in memory. */
async function seededIndex(): Promise<MemoryDeadlineIndex> {
  const index = new MemoryDeadlineIndex();
  for (let n = 0; n < open; n++) await indexOpenWorkOrder(index, n, due);
  index.sweptBefore = new Date('2026-03-02T08:00:00Z');
  return index;
}

async function kpiRatio() {
  const stores = memoryKpiStores();
  const reportNow = new Date('2026-01-15T10:00:00Z');
  for (let day = 0; day < 365; day++)
    for (let i = 0; i < 40; i++) {
      const at = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000 + i * 60_000).toISOString();
      const fact: KpiFact = { kind: 'caseOpened', caseId: `CASE-${day}-${i}`, at };
      await recordKpiFact(stores.days, fact, reportNow);
    }
  const year = { from: '2025-01-01', to: '2025-12-31' };
  await rollUpClosedMonths(stores.days, stores.rollups, monthsOf(year), reportNow);
  const time = async (range: { from: string; to: string }) => {
    const times: number[] = [];
    for (let r = 0; r < 50; r++) {
      const started = performance.now();
      kpiReport(range.from, range.to, await kpiDaysFor(stores.days, stores.rollups, range, '2026-01-15'));
      times.push(performance.now() - started);
    }
    return percentile(times, 0.5);
  };
  stores.calls.monthQueries = 0;
  stores.calls.rollupReads = 0;
  await kpiDaysFor(stores.days, stores.rollups, year, '2026-01-15');
  const yearCalls = { ...stores.calls };
  const monthDocs = (await stores.days.listMonth('2025-06', '2025-06-01', '2025-06-30')).length;
  const yearMs = await time(year);
  const monthMs = await time({ from: '2025-06-01', to: '2025-06-30' });
  return { yearMs, monthMs, yearCalls, monthDocs };
}

/**
 * National scale on the domain code and stores, no Service Bus: the deadline index seeded with
 * 100,000 open work orders, a sweep with 100 due (on the in-memory index with the Cosmos adapter's
 * access pattern, then on the Cosmos adapter itself over the embedded Cosmos DB), intake with and
 * without sweeps running, KPI year against month, intake's storage round trips per message, the
 * journeys list, and memory per work order processed end to end. Intake beside the sweep runs on
 * in-memory stores so the ratio is of Fieldline's own work, not of the emulator's; counts are what
 * Azure would be asked.
 */
export async function run(): Promise<void> {
  let started = performance.now();
  const index = await seededIndex();
  console.log(
    `seeded ${open} open work orders' deadlines in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const recorded = new Set<string>();
  const record = async (subject: SlaSubject, crossing: SlaCrossing) => {
    const key = `${subject.id} ${crossing.metric} ${crossing.level}`;
    if (recorded.has(key)) return false;
    recorded.add(key);
    return true;
  };
  const queriesBefore = index.queries;
  started = performance.now();
  const sweep = await sweepDeadlines(index, record, sweepAt);
  const sweepMs = performance.now() - started;
  console.log(
    `SLA sweep, ${open} open: ${sweep.entriesRead} due read, ${sweep.crossingsWritten} crossings, ` +
      `${index.queries - queriesBefore} bucket queries, ${sweepMs.toFixed(1)} ms (target ≤ 1 s, ≤ 10 queries)`,
  );

  await sweepOnCosmosFigures(open, due);
  await intakeAtScale(index);

  const kpis = await kpiRatio();
  console.log(
    `KPI year report reads ${kpis.yearCalls.rollupReads} roll-up documents and ${kpis.yearCalls.monthQueries} day queries; ` +
      `one month reads 1 query of ${kpis.monthDocs} day documents: documents read, year ÷ month ` +
      `${(kpis.yearCalls.rollupReads / kpis.monthDocs).toFixed(2)}× (target ≤ 2×); ` +
      `in-process compute p50 ${kpis.yearMs.toFixed(2)} ms vs ${kpis.monthMs.toFixed(2)} ms (365 vs 30 day entries summed)`,
  );
  await journeysListFigures();
  await memoryPerWorkOrder();
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
