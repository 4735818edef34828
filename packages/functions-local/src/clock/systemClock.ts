import type { Clock, ClockTimer } from './clock';

// setTimeout overflows above 2^31-1 ms (~24.8 days) and fires at once; long timers are chained.
const maxDelay = 2_147_483_647;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(dueAt, callback): ClockTimer {
    let handle: NodeJS.Timeout | undefined;
    let cancelled = false;
    const arm = (): void => {
      if (cancelled) return;
      const delay = dueAt - Date.now();
      if (delay > maxDelay) {
        handle = setTimeout(arm, maxDelay);
      } else {
        handle = setTimeout(callback, Math.max(0, delay));
      }
      // Timers never keep the process alive on their own: servers and pumps do.
      handle.unref();
    };
    arm();
    return {
      cancel: () => {
        cancelled = true;
        if (handle) clearTimeout(handle);
      },
    };
  },
};
