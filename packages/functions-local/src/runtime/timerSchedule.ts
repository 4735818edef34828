import { Cron } from 'croner';
import { err, ok, type Result } from '../result';
import { timeSpanMs } from './hostConfig';

/** When a timer trigger fires next, strictly after a given instant (epoch ms). */
export interface TimerSchedule {
  readonly expression: string;
  next(afterMs: number): number | undefined;
}

/**
 * A timer trigger's schedule as the host reads it: a six-field NCRONTAB expression
 * (`{second} {minute} {hour} {day} {month} {day-of-week}`) or a `hh:mm:ss` interval. NCRONTAB
 * requires day-of-month AND day-of-week to match, unlike classic cron's OR.
 */
export function parseTimerSchedule(expression: string, timeZone = 'UTC'): Result<TimerSchedule, string> {
  const interval = timeSpanMs(expression);
  if (interval !== undefined) {
    if (interval <= 0) return err(`schedule "${expression}": the interval must be positive`);
    return ok({ expression, next: (afterMs) => afterMs + interval });
  }
  if (expression.trim().split(/\s+/).length !== 6) {
    return err(
      `schedule "${expression}": expected six NCRONTAB fields (second minute hour day month day-of-week)`,
    );
  }
  let cron: Cron;
  try {
    cron = new Cron(expression, { paused: true, timezone: timeZone, mode: '6-part', domAndDow: true });
  } catch (error) {
    return err(`schedule "${expression}": ${error instanceof Error ? error.message : String(error)}`);
  }
  return ok({
    expression,
    next: (afterMs) => cron.nextRun(new Date(afterMs))?.getTime(),
  });
}
