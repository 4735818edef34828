import { z } from 'zod';
import { IsoDate, LocalTime, TimeZone, minutesOfDay } from '../common/time';

const Interval = z.object({ start: LocalTime, end: LocalTime });

/**
 * When SLA clocks run: working intervals per weekday in one time zone, minus public holidays.
 * `undefined` wherever a calendar is taken means around the clock.
 */
export const BusinessCalendar = z.object({
  timeZone: TimeZone,
  hours: z.object({
    mon: z.array(Interval),
    tue: z.array(Interval),
    wed: z.array(Interval),
    thu: z.array(Interval),
    fri: z.array(Interval),
    sat: z.array(Interval),
    sun: z.array(Interval),
  }),
  holidays: z.array(IsoDate),
});
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;

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
  if (calendar.holidays.includes(date)) return [];
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
