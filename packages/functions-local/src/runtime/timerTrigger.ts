import type { Clock, ClockTimer } from '../clock';
import { toTypedData, type FunctionDescriptor } from '../host';
import type { Invoker } from './bindingPipeline';
import type { RuntimeLog } from './runtimeLog';
import type { TimerSchedule } from './timerSchedule';

/** The host's "no previous occurrence" (.NET DateTime.MinValue). */
const neverOccurred = '0001-01-01T00:00:00.000Z';

/**
 * The timer info the host binds, in its own (Pascal-cased) shape; the library camel-cases it into
 * `{ schedule: { adjustForDST }, scheduleStatus: { last, next, lastUpdated }, isPastDue }`.
 */
export function timerInfo(args: {
  readonly last: number | undefined;
  readonly next: number | undefined;
  readonly now: number;
  readonly isPastDue: boolean;
}): Record<string, unknown> {
  return {
    Schedule: { AdjustForDST: true },
    ScheduleStatus: {
      Last: args.last === undefined ? neverOccurred : new Date(args.last).toISOString(),
      Next: args.next === undefined ? null : new Date(args.next).toISOString(),
      LastUpdated: new Date(args.now).toISOString(),
    },
    IsPastDue: args.isPastDue,
  };
}

/**
 * Fires one timer-triggered function on the runtime's clock. Like the host it never overlaps
 * invocations of the same function: the next occurrence is armed when the current one finishes,
 * and occurrences missed meanwhile collapse into one invocation marked `isPastDue`.
 */
export class TimerTrigger {
  readonly #fn: FunctionDescriptor;
  readonly #schedule: TimerSchedule;
  readonly #clock: Clock;
  readonly #invoke: Invoker;
  readonly #log: RuntimeLog;
  #timer: ClockTimer | undefined;
  #running: Promise<void> = Promise.resolve();
  #last: number | undefined;
  #stopped = false;

  constructor(
    fn: FunctionDescriptor,
    schedule: TimerSchedule,
    clock: Clock,
    invoke: Invoker,
    log: RuntimeLog,
  ) {
    this.#fn = fn;
    this.#schedule = schedule;
    this.#clock = clock;
    this.#invoke = invoke;
    this.#log = log;
  }

  get nextOccurrence(): number | undefined {
    return this.#schedule.next(this.#clock.now());
  }

  start(): void {
    const now = this.#clock.now();
    if (this.#fn.trigger['runOnStartup'] === true) {
      this.#running = this.#run(now, false).then(() => this.#arm(now));
    } else {
      this.#arm(now);
    }
  }

  /** Resolves once no invocation of this timer is running. */
  idle(): Promise<void> {
    return this.#running;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#timer?.cancel();
    await this.#running;
  }

  #arm(after: number): void {
    if (this.#stopped) return;
    const due = this.#schedule.next(after);
    if (due === undefined) return;
    this.#timer = this.#clock.setTimer(due, () => {
      this.#running = this.#occurrence(due);
    });
  }

  async #occurrence(due: number): Promise<void> {
    const following = this.#schedule.next(due);
    // Late enough that the following occurrence has passed too (a long run, a suspended laptop).
    const isPastDue = following !== undefined && following <= this.#clock.now();
    await this.#run(due, isPastDue);
    this.#arm(Math.max(due, this.#clock.now()));
  }

  async #run(occurrence: number, isPastDue: boolean): Promise<void> {
    if (this.#stopped) return;
    const now = this.#clock.now();
    const info = timerInfo({ last: this.#last, next: this.#schedule.next(occurrence), now, isPastDue });
    this.#last = occurrence;
    try {
      await this.#invoke(this.#fn.name, { trigger: toTypedData(info) });
    } catch (error) {
      this.#log.error('timer invocation failed', { functionName: this.#fn.name, error: asError(error) });
    }
  }
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
