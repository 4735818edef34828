/** The app's view of time: adapters and functions ask it, domain code receives `now` as a value. */
export interface AppClock {
  now(): Date;
}

/** Where the local runtime (`@fieldline/functions-local`) publishes its clock. */
const hostClockKey = Symbol.for('functions-local.hostClock');

const systemAppClock: AppClock = { now: () => new Date() };

/**
 * The clock the hosting process provides, else real time. In Azure nothing provides one; the local
 * runtime provides its controllable clock here so a test can move an SLA or a journey through days
 * of virtual time, the same way the worker provides `@azure/functions-core` to the library.
 */
export function appClock(): AppClock {
  const provided = (globalThis as Record<symbol, unknown>)[hostClockKey] as AppClock | undefined;
  return provided ?? systemAppClock;
}

export function provideHostClock(clock: AppClock | undefined): void {
  (globalThis as Record<symbol, unknown>)[hostClockKey] = clock;
}
