import Holidays from 'date-holidays';
import type { LocalDateTime } from '../common/zonedTime';

const calendars = new Map<string, Holidays>();
const answers = new Map<string, boolean>();

const calendarFor = (code: string): Holidays => {
  let calendar = calendars.get(code);
  if (calendar === undefined) {
    const [country = code, state] = code.split('-');
    calendar = state === undefined ? new Holidays(country) : new Holidays(country, state);
    calendars.set(code, calendar);
  }
  return calendar;
};

/** A date-holidays code it knows (`BE`, `NL`, `DE-BY`), for settings validation. */
export const isKnownHolidayCalendar = (code: string): boolean => {
  const [country = code, state] = code.split('-');
  const countries = new Holidays().getCountries();
  if (countries[country] === undefined) return false;
  return state === undefined || new Holidays().getStates(country)?.[state] !== undefined;
};

/**
 * Saturday, Sunday, or a public holiday of `holidays` (bank holidays and observances such as
 * Mother's Day are working days). The local date is asked at noon UTC, which is that same date
 * in the calendar's own zone for any European country.
 */
export function isRestDay(local: LocalDateTime, holidays: string | undefined): boolean {
  const noon = new Date(Date.UTC(local.year, local.month - 1, local.day, 12));
  const weekday = noon.getUTCDay();
  if (weekday === 0 || weekday === 6) return true;
  if (holidays === undefined) return false;
  const key = `${holidays}:${local.year}-${local.month}-${local.day}`;
  let answer = answers.get(key);
  if (answer === undefined) {
    const found = calendarFor(holidays).isHoliday(noon);
    answer = found !== false && found.some((holiday) => holiday.type === 'public');
    answers.set(key, answer);
  }
  return answer;
}
