import { err, ok, type Result } from '../result';

// Service Bus writes durations as ISO 8601 (`PT1M`, `P14D`); years and months have no fixed length, so they are refused.
const durationPattern =
  /^P(?:(?<days>\d+(?:\.\d+)?)D)?(?:T(?:(?<hours>\d+(?:\.\d+)?)H)?(?:(?<minutes>\d+(?:\.\d+)?)M)?(?:(?<seconds>\d+(?:\.\d+)?)S)?)?$/;

const unitMs = { days: 86_400_000, hours: 3_600_000, minutes: 60_000, seconds: 1_000 } as const;

/** Milliseconds in an ISO 8601 duration of days, hours, minutes and seconds. */
export function parseIsoDuration(text: string): Result<number, string> {
  const match = durationPattern.exec(text);
  const groups = match?.groups;
  if (!groups || text === 'P' || text.endsWith('T'))
    return err(`not an ISO 8601 duration of days/hours/minutes/seconds: ${text}`);
  let total = 0;
  for (const unit of Object.keys(unitMs) as (keyof typeof unitMs)[]) {
    const value = groups[unit];
    if (value !== undefined) total += Number(value) * unitMs[unit];
  }
  return ok(Math.round(total));
}
