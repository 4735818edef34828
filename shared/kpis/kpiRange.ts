import { z } from 'zod';
import { IsoDate } from '../common/time';

export const maxRangeDays = 366;

const dayMs = 86_400_000;

/** Days from `from` to `to`, both included. */
export const daysInRange = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs) + 1;

/** A reporting range: whole local days, at most a leap year, so at most 13 month partitions. */
export const KpiRange = z.object({ from: IsoDate, to: IsoDate }).superRefine((range, context) => {
  const days = daysInRange(range.from, range.to);
  if (days < 1) context.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  else if (days > maxRangeDays)
    context.addIssue({
      code: 'custom',
      path: ['to'],
      message: `the range may span at most ${maxRangeDays} days`,
    });
});
export type KpiRange = z.infer<typeof KpiRange>;

/** The `YYYY-MM` partitions a range touches, in order. */
export function monthsOf(range: KpiRange): string[] {
  const months: string[] = [];
  let year = Number(range.from.slice(0, 4));
  let month = Number(range.from.slice(5, 7));
  const last = range.to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}
