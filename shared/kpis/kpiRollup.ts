import { z } from 'zod';
import type { IsoDate } from '../common/time';
import { IsoInstant } from '../common/time';
import { mergeSketches } from './durationSketch';
import { addCounters, kpiDateOf, KpiDayCounts, zeroCounters } from './kpiDay';
import type { KpiFact } from './kpiFact';
import { monthsOf, type KpiRange } from './kpiRange';
import { recordKpiFact, type KpiDayStore } from './recordKpiFact';

/**
 * A closed month of KPI counters in one document (`KPIM-<month>` in the month's partition of the
 * `kpis` container): each day's documents summed into one entry per day, so a year's report
 * reads twelve documents instead of twelve months of day documents, and every figure of the day
 * documents (days with data, percentiles) comes out the same.
 */
export const KpiMonthRollup = z.object({
  id: z.string().regex(/^KPIM-\d{4}-\d{2}$/),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  docType: z.literal('kpiMonth'),
  days: z.array(KpiDayCounts),
  rolledUpAt: IsoInstant,
});
export type KpiMonthRollup = z.infer<typeof KpiMonthRollup>;

export const kpiMonthRollupId = (month: string): string => `KPIM-${month}`;

/** The roll-ups' storage port, beside the day documents (`shared/adapters/cosmos/kpiStore.ts`). */
export interface KpiRollupStore {
  read(month: string): Promise<KpiMonthRollup | undefined>;
  write(rollup: KpiMonthRollup): Promise<void>;
  /** Takes a month's roll-up away (a late fact changed one of its days). Repeatable. */
  drop(month: string): Promise<void>;
}

/** The month's day documents, one entry per day: the shards of a day added up. */
export function rollUpMonth(month: string, days: readonly KpiDayCounts[], now: Date): KpiMonthRollup {
  const byDate = new Map<string, KpiDayCounts[]>();
  for (const day of days) byDate.set(day.date, [...(byDate.get(day.date) ?? []), day]);
  return {
    id: kpiMonthRollupId(month),
    month,
    docType: 'kpiMonth',
    days: [...byDate.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([date, shards]) => ({
        date,
        shard: 0,
        counters: shards.reduce((sum, shard) => addCounters(sum, shard.counters), zeroCounters),
        resolutionSketch: mergeSketches(shards.map((shard) => shard.resolutionSketch)),
      })),
    rolledUpAt: now.toISOString(),
  };
}

/** A month is closed once its last local day is over: nothing but a late fact changes it. */
export const isClosedMonth = (month: string, today: string): boolean => month < today.slice(0, 7);

const lastDayOf = (month: string): string => {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year ?? 0, m ?? 1, 0)).toISOString().slice(0, 10);
};

/**
 * The day entries a report over `range` needs: a closed month the range covers whole from its
 * roll-up (one point read), any other month (the current one, a partial one, one not rolled up
 * yet) from its day documents (one query).
 */
export async function kpiDaysFor(
  days: KpiDayStore,
  rollups: KpiRollupStore,
  range: KpiRange,
  today: IsoDate,
): Promise<KpiDayCounts[]> {
  const months = await Promise.all(
    monthsOf(range).map(async (month) => {
      const whole = range.from <= `${month}-01` && range.to >= lastDayOf(month);
      const rollup = whole && isClosedMonth(month, today) ? await rollups.read(month) : undefined;
      return rollup?.days ?? days.listMonth(month, range.from, range.to);
    }),
  );
  return months.flat();
}

/** Writes the roll-up of every closed month among `months` that has none. */
export async function rollUpClosedMonths(
  days: KpiDayStore,
  rollups: KpiRollupStore,
  months: readonly string[],
  now: Date,
): Promise<string[]> {
  const today = kpiDateOf(now.toISOString());
  const written: string[] = [];
  for (const month of months) {
    if (!isClosedMonth(month, today) || (await rollups.read(month)) !== undefined) continue;
    await rollups.write(
      rollUpMonth(month, await days.listMonth(month, `${month}-01`, lastDayOf(month)), now),
    );
    written.push(month);
  }
  return written;
}

/**
 * Counts a fact on its day; a fact for a closed month first takes that month's roll-up away, so
 * a report never reads a roll-up without it (the next roll-up run writes it again). Dropping
 * first, not after, means a crash in between leaves the report reading the day documents.
 */
export async function recordKpiFactRolledUp(
  days: KpiDayStore,
  rollups: KpiRollupStore,
  fact: KpiFact,
  now: Date,
): Promise<'recorded' | 'duplicate'> {
  const month = kpiDateOf(fact.at).slice(0, 7);
  if (isClosedMonth(month, kpiDateOf(now.toISOString()))) await rollups.drop(month);
  return recordKpiFact(days, fact, now);
}
