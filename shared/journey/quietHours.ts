import { z } from 'zod';
import { LocalTime, minutesOfDay, TimeZone } from '../common/time';
import { instantAt, localDateTimeOf, localDayAfter, type LocalDateTime } from '../common/zonedTime';
import { isRestDay } from './restDays';

/**
 * A nightly window in local time: `start` after `end` spans midnight (the default 21:00–08:00),
 * `start` before `end` is a daytime window, equal times mean none.
 */
export const QuietWindow = z.object({ start: LocalTime, end: LocalTime });
export type QuietWindow = z.infer<typeof QuietWindow>;

/**
 * When customers get no message on any channel, in the customer's time zone. Weekends and public
 * holidays may have a window of their own (later mornings); a day's morning belongs to that day,
 * so a Sunday starts quiet until the rest-day end and a Monday until the working-day end.
 */
export const QuietHours = QuietWindow.extend({
  restDays: QuietWindow.optional(),
  /** Whose public holidays count as rest days, as a date-holidays code (`BE`, `NL`, `DE-BY`). */
  holidays: z.string().min(2).optional(),
  timeZone: TimeZone,
});
export type QuietHours = z.infer<typeof QuietHours>;

const dayMinutes = 24 * 60;

/** The quiet stretches of one local day, as [from, to) minutes. */
function quietSpans(local: LocalDateTime, quiet: QuietHours): ReadonlyArray<readonly [number, number]> {
  const window = quiet.restDays !== undefined && isRestDay(local, quiet.holidays) ? quiet.restDays : quiet;
  const start = minutesOfDay(window.start);
  const end = minutesOfDay(window.end);
  if (start === end) return [];
  return start > end
    ? [
        [0, end],
        [start, dayMinutes],
      ]
    : [[start, end]];
}

const minuteOfDay = (local: LocalDateTime): number => local.hour * 60 + local.minute;

const spanAt = (local: LocalDateTime, quiet: QuietHours): readonly [number, number] | undefined => {
  const minute = minuteOfDay(local);
  return quietSpans(local, quiet).find(([from, to]) => minute >= from && minute < to);
};

const atMinute = (local: LocalDateTime, minutes: number): LocalDateTime => ({
  ...local,
  hour: Math.floor(minutes / 60),
  minute: minutes % 60,
});

export function isInQuietHours(instant: Date, quiet: QuietHours): boolean {
  return spanAt(localDateTimeOf(instant, quiet.timeZone), quiet) !== undefined;
}

/** The instant itself when a message may go out then, else the moment the quiet period ends. */
export function nextAllowedTime(instant: Date, quiet: QuietHours): Date {
  let local = localDateTimeOf(instant, quiet.timeZone);
  let span = spanAt(local, quiet);
  if (span === undefined) return instant;
  // A night runs into the next day, whose own morning window then decides when it ends.
  for (let days = 0; span !== undefined && span[1] === dayMinutes && days < 3; days++) {
    local = atMinute(localDayAfter(local, 1), 0);
    span = spanAt(local, quiet);
  }
  return instantAt(span === undefined ? local : atMinute(local, span[1]), quiet.timeZone);
}

/** The instant itself when a message may go out then, else the last allowed minute before the quiet period began. */
export function lastAllowedTimeBefore(instant: Date, quiet: QuietHours): Date {
  let local = localDateTimeOf(instant, quiet.timeZone);
  let span = spanAt(local, quiet);
  if (span === undefined) return instant;
  for (let days = 0; span !== undefined && span[0] === 0 && days < 3; days++) {
    local = atMinute(localDayAfter(local, -1), dayMinutes - 1);
    span = spanAt(local, quiet);
  }
  if (span === undefined) return instantAt(local, quiet.timeZone);
  return new Date(instantAt(atMinute(local, span[0]), quiet.timeZone).getTime() - 60_000);
}
