import type { Clock, ClockTimer } from './clock';

interface PendingTimer {
  readonly dueAt: number;
  readonly order: number;
  readonly callback: () => void;
  cancelled: boolean;
}

/** Something that can say when the work it started has finished (a Durable engine, a trigger pump). */
export type Quiescence = () => Promise<void>;

/**
 * Virtual time. `advance` moves the clock forward timer by timer, in due order, and after each one
 * waits for every registered part to go quiet, so work a timer starts (an activity, a message) can
 * schedule further timers before the clock moves past them.
 */
export class ManualClock implements Clock {
  #now: number;
  #sequence = 0;
  #timers: PendingTimer[] = [];
  #quiescence: Quiescence[] = [];

  constructor(start: Date | number = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    this.#now = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.#now;
  }

  setTimer(dueAt: number, callback: () => void): ClockTimer {
    const timer: PendingTimer = { dueAt, order: this.#sequence++, callback, cancelled: false };
    this.#timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /** Registers a part whose pending work `advance` waits for; returns an unregister function. */
  addQuiescence(wait: Quiescence): () => void {
    this.#quiescence.push(wait);
    return () => {
      this.#quiescence = this.#quiescence.filter((w) => w !== wait);
    };
  }

  /** Waits until every registered part is idle (macrotasks flushed in between). */
  async settle(): Promise<void> {
    for (let round = 0; round < 3; round++) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      for (const wait of this.#quiescence) await wait();
    }
  }

  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.#now + ms);
  }

  async advanceTo(target: number | Date): Promise<void> {
    const until = typeof target === 'number' ? target : target.getTime();
    await this.settle();
    for (;;) {
      const next = this.#nextDue(until);
      if (!next) break;
      this.#timers = this.#timers.filter((t) => t !== next);
      this.#now = Math.max(this.#now, next.dueAt);
      next.callback();
      await this.settle();
    }
    this.#now = Math.max(this.#now, until);
    await this.settle();
  }

  /** Timers not yet fired nor cancelled, earliest first (for tests and diagnostics). */
  pendingTimers(): readonly number[] {
    return this.#live().map((t) => t.dueAt);
  }

  #live(): PendingTimer[] {
    return this.#timers.filter((t) => !t.cancelled).sort((a, b) => a.dueAt - b.dueAt || a.order - b.order);
  }

  #nextDue(until: number): PendingTimer | undefined {
    this.#timers = this.#timers.filter((t) => !t.cancelled);
    const [first] = this.#live();
    return first && first.dueAt <= until ? first : undefined;
  }
}
