import type { KpiDayCounts } from './kpiDay';
import { daysInRange } from './kpiRange';
import { kpiReport, type KpiReport } from './kpiReport';

/** A stretch of the range a chart bar or a CSV row stands for: a day, a week or a month. */
export type KpiPeriod = 'day' | 'week' | 'month';

const dayMs = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const dayOf = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/** Days for a month, weeks for a quarter, months beyond: a chart stays readable at about 30 bars. */
export const periodFor = (from: string, to: string): KpiPeriod => {
  const days = daysInRange(from, to);
  return days <= 45 ? 'day' : days <= 200 ? 'week' : 'month';
};

/** The start of the period a day falls in; weeks start on Monday (ISO 8601), as Belgian calendars do. */
function periodStart(date: string, period: KpiPeriod): string {
  switch (period) {
    case 'day':
      return date;
    case 'week': {
      const ms = dayOf(date);
      const weekday = (new Date(ms).getUTCDay() + 6) % 7;
      return isoDay(ms - weekday * dayMs);
    }
    case 'month':
      return `${date.slice(0, 7)}-01`;
    default: {
      const unknown: never = period;
      throw new Error(`unknown period ${String(unknown)}`);
    }
  }
}

export interface KpiPoint {
  /** The period's first and last day, clipped to the range. */
  readonly from: string;
  readonly to: string;
  readonly report: KpiReport;
}

/**
 * The range's KPIs period by period, every period present (an empty one reports no data rather
 * than being left out, so a gap shows as a gap), each computed exactly as the whole range is.
 */
export function kpiSeries(
  from: string,
  to: string,
  days: readonly KpiDayCounts[],
  period: KpiPeriod = periodFor(from, to),
): readonly KpiPoint[] {
  const byPeriod = new Map<string, KpiDayCounts[]>();
  for (const day of days) {
    if (day.date < from || day.date > to) continue;
    const key = periodStart(day.date, period);
    byPeriod.set(key, [...(byPeriod.get(key) ?? []), day]);
  }
  const buckets: { key: string; from: string; to: string }[] = [];
  for (let ms = dayOf(from); ms <= dayOf(to); ms += dayMs) {
    const date = isoDay(ms);
    const key = periodStart(date, period);
    const last = buckets[buckets.length - 1];
    if (last?.key === key) last.to = date;
    else buckets.push({ key, from: date, to: date });
  }
  return buckets.map((bucket) => ({
    from: bucket.from,
    to: bucket.to,
    report: kpiReport(bucket.from, bucket.to, byPeriod.get(bucket.key) ?? []),
  }));
}
