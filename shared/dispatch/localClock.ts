import { instantAt, localDateTimeOf } from '../common/zonedTime';

const pad = (n: number): string => String(n).padStart(2, '0');

/** The local date of an instant in a zone, "YYYY-MM-DD". */
export function localDateOf(instant: Date, timeZone: string): string {
  const local = localDateTimeOf(instant, timeZone);
  return `${local.year}-${pad(local.month)}-${pad(local.day)}`;
}

/**
 * The wall-clock "HH:MM" of an instant on `date` in a zone: before the day is 00:00, after it 23:59,
 * since the planner's clock is one day's minutes and an interval only matters where it meets the day.
 */
export function localTimeOn(instant: Date, date: string, timeZone: string): string {
  const day = localDateOf(instant, timeZone);
  if (day < date) return '00:00';
  if (day > date) return '23:59';
  const local = localDateTimeOf(instant, timeZone);
  return `${pad(local.hour)}:${pad(local.minute)}`;
}

/** The instant a planner time ("HH:MM", or minutes of the day) names on a local date. */
export function instantOn(date: string, time: string | number, timeZone: string): Date {
  const minutes =
    typeof time === 'number' ? Math.round(time) : Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return instantAt({ year, month, day, hour: Math.floor(minutes / 60), minute: minutes % 60 }, timeZone);
}
