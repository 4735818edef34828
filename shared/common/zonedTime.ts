/**
 * Wall-clock arithmetic in a named time zone, with no library: `Intl` knows the zone rules. A
 * journey plans "two days later at the same time" and "at 08:00", which are local, calendar
 * notions; doing them in UTC would move every message by an hour across a daylight-saving change.
 */
export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

const partsIn = (instant: Date, timeZone: string): LocalDateTime & { second: number } => {
  const values: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values['year'] ?? 0,
    month: values['month'] ?? 0,
    day: values['day'] ?? 0,
    hour: values['hour'] ?? 0,
    minute: values['minute'] ?? 0,
    second: values['second'] ?? 0,
  };
};

/** The wall-clock date and time of an instant in a zone (seconds dropped). */
export const localDateTimeOf = (instant: Date, timeZone: string): LocalDateTime => {
  const { year, month, day, hour, minute } = partsIn(instant, timeZone);
  return { year, month, day, hour, minute };
};

/** Minutes the zone is ahead of UTC at this instant (+60 for Brussels in winter, +120 in summer). */
export const utcOffsetMinutes = (instant: Date, timeZone: string): number => {
  const local = partsIn(instant, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((asUtc - wholeSeconds) / 60_000);
};

const wallAsUtc = (local: LocalDateTime): number =>
  Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);

/**
 * The instant a wall-clock time names in a zone. A time skipped by a spring-forward change
 * (02:30 on the last Sunday of March in Brussels) is moved forward by the gap, so plans never land
 * on a time that does not exist; a time repeated in autumn resolves to its first occurrence.
 */
export function instantAt(local: LocalDateTime, timeZone: string): Date {
  const wall = wallAsUtc(local);
  const candidates = new Set<number>();
  // The offset at the answer is one of the offsets a few hours either side of the naive guess.
  for (const probe of [wall - 12 * 3_600_000, wall, wall + 12 * 3_600_000]) {
    candidates.add(wall - utcOffsetMinutes(new Date(probe), timeZone) * 60_000);
  }
  const exact = [...candidates]
    .filter((instant) => wallAsUtc(localDateTimeOf(new Date(instant), timeZone)) === wall)
    .sort((a, b) => a - b);
  if (exact[0] !== undefined) return new Date(exact[0]);
  // In a gap: the wall time before the change plus the distance into the gap.
  const before = wall - utcOffsetMinutes(new Date(wall - 12 * 3_600_000), timeZone) * 60_000;
  return new Date(before);
}

/** The same wall-clock time `days` calendar days later (or earlier), whatever the offset does. */
export const addLocalDays = (instant: Date, days: number, timeZone: string): Date => {
  const withinMinute = ((instant.getTime() % 60_000) + 60_000) % 60_000;
  const local = localDayAfter(localDateTimeOf(instant, timeZone), days);
  return new Date(instantAt(local, timeZone).getTime() + withinMinute);
};

const hourMs = 3_600_000;

/**
 * Moves an instant by a number of hours the way people read a cadence: whole days are calendar
 * days at the same local time ("48 h later" = the day after tomorrow at the same time, also
 * across a daylight-saving change), the rest is elapsed time ("2 h before" = 120 minutes).
 */
export function addLocalHours(instant: Date, hours: number, timeZone: string): Date {
  const days = Math.trunc(hours / 24);
  const rest = hours - days * 24;
  return new Date(addLocalDays(instant, days, timeZone).getTime() + rest * hourMs);
}

/** The calendar day after a local date, as a local date-time at `hour:minute`. */
export const localDayAfter = (local: LocalDateTime, days: number): LocalDateTime => {
  const shifted = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return {
    ...local,
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
};
