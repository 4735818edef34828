import Holidays from 'date-holidays';
import type { BusinessCalendar, BusinessCalendarConfig, HolidaySource } from './businessCalendar';

const directory = new Holidays();

/** Why a holiday source names no known place, or undefined when `date-holidays` knows it. */
export function unknownHolidayPlace(source: HolidaySource): string | undefined {
  if (source.country === undefined) {
    return source.region === undefined ? undefined : 'a region needs its country';
  }
  if (!(source.country in directory.getCountries())) return `no public holidays known for ${source.country}`;
  if (source.region !== undefined && !(source.region in (directory.getStates(source.country) ?? {})))
    return `no region ${source.region} in ${source.country}`;
  return undefined;
}

/**
 * Dates (YYYY-MM-DD, local to the country) that are public holidays: only the `public` type,
 * since bank, school and observance days are working days for a service desk. Years are looked
 * up once each, as clocks reach them.
 */
function publicHolidayLookup(source: HolidaySource): (date: string) => boolean {
  const listed = new Set(source.dates);
  if (source.country === undefined) return (date) => listed.has(date);
  const place =
    source.region === undefined ? new Holidays(source.country) : new Holidays(source.country, source.region);
  const years = new Map<string, ReadonlySet<string>>();
  const ofYear = (year: string): ReadonlySet<string> => {
    let days = years.get(year);
    if (days === undefined) {
      days = new Set(
        place
          .getHolidays(Number(year))
          .filter((holiday) => holiday.type === 'public')
          .map((holiday) => holiday.date.slice(0, 10)),
      );
      years.set(year, days);
    }
    return days;
  };
  return (date) => listed.has(date) || ofYear(date.slice(0, 4)).has(date);
}

export const businessCalendarFrom = (config: BusinessCalendarConfig): BusinessCalendar => ({
  timeZone: config.timeZone,
  hours: config.hours,
  isHoliday: publicHolidayLookup(config.holidays),
});
