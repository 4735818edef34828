import { z } from 'zod';
import { LocalTime, minutesOfDay, TimeZone } from '../common/time';
import { instantAt, localDateTimeOf, localDayAfter, type LocalDateTime } from '../common/zonedTime';

/**
 * When customers are not texted, as local times in a zone. `start` after `end` spans midnight
 * (the default 21:00–08:00); equal times mean no quiet hours at all.
 */
export const QuietHours = z.object({ start: LocalTime, end: LocalTime, timeZone: TimeZone });
export type QuietHours = z.infer<typeof QuietHours>;

const minuteOfDay = (local: LocalDateTime): number => local.hour * 60 + local.minute;

const at = (local: LocalDateTime, time: string): LocalDateTime => {
  const minutes = minutesOfDay(time);
  return { ...local, hour: Math.floor(minutes / 60), minute: minutes % 60 };
};

export function isInQuietHours(instant: Date, quiet: QuietHours): boolean {
  const start = minutesOfDay(quiet.start);
  const end = minutesOfDay(quiet.end);
  if (start === end) return false;
  const minute = minuteOfDay(localDateTimeOf(instant, quiet.timeZone));
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** The instant itself when texting is allowed then, else the moment the quiet hours end. */
export function nextAllowedTime(instant: Date, quiet: QuietHours): Date {
  if (!isInQuietHours(instant, quiet)) return instant;
  const local = localDateTimeOf(instant, quiet.timeZone);
  const endsTomorrow =
    minutesOfDay(quiet.start) > minutesOfDay(quiet.end) && minuteOfDay(local) >= minutesOfDay(quiet.start);
  return instantAt(at(localDayAfter(local, endsTomorrow ? 1 : 0), quiet.end), quiet.timeZone);
}

/** The instant itself when texting is allowed then, else the last allowed minute before the quiet hours began. */
export function lastAllowedTimeBefore(instant: Date, quiet: QuietHours): Date {
  if (!isInQuietHours(instant, quiet)) return instant;
  const local = localDateTimeOf(instant, quiet.timeZone);
  const beganYesterday =
    minutesOfDay(quiet.start) > minutesOfDay(quiet.end) && minuteOfDay(local) < minutesOfDay(quiet.end);
  const began = instantAt(at(localDayAfter(local, beganYesterday ? -1 : 0), quiet.start), quiet.timeZone);
  return new Date(began.getTime() - 60_000);
}
