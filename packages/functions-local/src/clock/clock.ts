/** A cancellable timer handle. */
export interface ClockTimer {
  cancel(): void;
}

/**
 * Time for the local runtime's parts (broker lock expiry, Durable timers, timer triggers, outbox
 * timestamps). Real time by default; a `ManualClock` lets a test run days of a journey in milliseconds.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Calls `callback` once the clock reaches `dueAt` (epoch ms); at once if it is already past. */
  setTimer(dueAt: number, callback: () => void): ClockTimer;
}
