import { z } from 'zod';
import { IsoDate, LocalTime, TimeZone, minutesOfDay } from '../common/time';

const Interval = z.object({ start: LocalTime, end: LocalTime });

const WeekHours = z.object({
  mon: z.array(Interval),
  tue: z.array(Interval),
  wed: z.array(Interval),
  thu: z.array(Interval),
  fri: z.array(Interval),
  sat: z.array(Interval),
  sun: z.array(Interval),
});

/**
 * Public holidays of a calendar: a country (ISO 3166-1, e.g. `BE`) with an optional region
 * (ISO 3166-2 subdivision code as the `date-holidays` library names it, e.g. `BY` for Bavaria),
 * whose public holidays the maintained `date-holidays` data supplies, plus any dates listed
 * (a company's closing days, or a whole list when no country fits).
 */
export const HolidaySource = z.object({
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code, e.g. BE')
    .optional(),
  region: z.string().min(1).max(10).optional(),
  dates: z.array(IsoDate).default([]),
});
export type HolidaySource = z.infer<typeof HolidaySource>;

/**
 * When SLA clocks run, as configured: working intervals per weekday in one time zone, minus
 * public holidays. Where no calendar is named, clocks run around the clock.
 */
export const BusinessCalendarConfig = z.object({
  timeZone: TimeZone,
  hours: WeekHours,
  holidays: HolidaySource.default({ dates: [] }),
});
export type BusinessCalendarConfig = z.infer<typeof BusinessCalendarConfig>;

/** A calendar ready for arithmetic: `isHoliday` takes a local date (YYYY-MM-DD). */
export interface BusinessCalendar {
  readonly timeZone: string;
  readonly hours: z.infer<typeof WeekHours>;
  readonly isHoliday: (date: string) => boolean;
}

const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const dayMs = 86_400_000;

/** Offset of `timeZone` from UTC at `ms`, in ms (positive east of Greenwich). */
function offsetAt(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const value = (type: string): number => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    value('year'),
    value('month') - 1,
    value('day'),
    value('hour'),
    value('minute'),
    value('second'),
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The UTC instant of local wall time `minutes` after midnight on the local day starting at `dayUtc` (UTC midnight of that date). */
function localToUtc(dayUtc: number, minutes: number, timeZone: string): number {
  const wall = dayUtc + minutes * 60_000;
  const first = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(first, timeZone);
}

const localDateStart = (ms: number, timeZone: string): number => {
  const local = ms + offsetAt(ms, timeZone);
  return local - (((local % dayMs) + dayMs) % dayMs);
};

/** Working stretches of one local day as UTC [from, to) pairs. */
function workingSpans(calendar: BusinessCalendar, dayUtc: number): Array<readonly [number, number]> {
  const date = new Date(dayUtc).toISOString().slice(0, 10);
  if (calendar.isHoliday(date)) return [];
  const weekday = weekdays[new Date(dayUtc).getUTCDay()] ?? 'sun';
  return calendar.hours[weekday].map(
    (interval) =>
      [
        localToUtc(dayUtc, minutesOfDay(interval.start), calendar.timeZone),
        localToUtc(dayUtc, minutesOfDay(interval.end), calendar.timeZone),
      ] as const,
  );
}

/** Business time between two instants (ms). */
export function businessMillisBetween(
  calendar: BusinessCalendar | undefined,
  from: number,
  to: number,
): number {
  if (to <= from) return 0;
  if (calendar === undefined) return to - from;
  let total = 0;
  for (let day = localDateStart(from, calendar.timeZone) - dayMs; day <= to + dayMs; day += dayMs) {
    for (const [start, end] of workingSpans(calendar, day)) {
      total += Math.max(0, Math.min(end, to) - Math.max(start, from));
    }
  }
  return total;
}

/** The instant at which `amount` ms of business time have passed after `from`. */
export function addBusinessMillis(
  calendar: BusinessCalendar | undefined,
  from: number,
  amount: number,
): number {
  if (calendar === undefined) return from + amount;
  let left = amount;
  // Two years of days is far past any SLA target; a calendar with no working time never gets there.
  for (let day = localDateStart(from, calendar.timeZone) - dayMs, n = 0; n < 731; day += dayMs, n++) {
    for (const [start, end] of workingSpans(calendar, day)) {
      const usable = Math.max(0, end - Math.max(start, from));
      if (usable >= left && left >= 0) return Math.max(start, from) + left;
      left -= usable;
    }
  }
  throw new Error('the business calendar has no working time in the next two years');
}
