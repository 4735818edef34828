import type { Clock } from './clock';
import { systemClock } from './systemClock';

/**
 * Real time that reads `startAt` at the moment it is made and runs on at the system's pace, with
 * timers that fire after the real delay. For a run that must happen at a given hour (a benchmark
 * at a weekday's working hour, outside the customers' quiet hours) yet go on as time does: timer
 * triggers, lock expiry and Durable timers behave as on the system clock.
 */
export function shiftedClock(startAt: Date | number, base: Clock = systemClock): Clock {
  const offset = (typeof startAt === 'number' ? startAt : startAt.getTime()) - base.now();
  return {
    now: () => base.now() + offset,
    setTimer: (dueAt, callback) => base.setTimer(dueAt - offset, callback),
  };
}
