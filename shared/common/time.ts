import { z } from 'zod';

/** An instant with an explicit offset, so no reader has to guess the time zone. */
export const IsoInstant = z.iso.datetime({ offset: true });
export type IsoInstant = z.infer<typeof IsoInstant>;

/** A calendar day, e.g. a due date: the utility means the day, not an instant. */
export const IsoDate = z.iso.date();
export type IsoDate = z.infer<typeof IsoDate>;

/** A wall-clock time "HH:MM" (24 h), read in a named time zone. */
export const LocalTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time "HH:MM" (00:00–23:59)');
export type LocalTime = z.infer<typeof LocalTime>;

/** Minutes since midnight of a `LocalTime`; schedules compare numbers, not strings. */
export const minutesOfDay = (time: LocalTime): number => {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

const isKnownTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** An IANA time-zone name the runtime knows, e.g. "Europe/Brussels". */
export const TimeZone = z
  .string()
  .min(1)
  .refine(isKnownTimeZone, 'must be an IANA time zone, e.g. Europe/Brussels');
export type TimeZone = z.infer<typeof TimeZone>;
