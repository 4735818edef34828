import type { Clock, ClockTimer } from './clock';

class QueuedTimer implements ClockTimer {
  cancelled = false;

  constructor(
    readonly dueAt: number,
    readonly order: number,
    readonly callback: () => void,
    private readonly queue: TimerQueue,
  ) {}

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.queue.dropped(this);
  }
}

const earlier = (a: QueuedTimer, b: QueuedTimer): boolean =>
  a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.order < b.order);

/**
 * Many timers on one timer of the clock beneath: a binary heap by due time, with the underlying
 * timer armed for the earliest. A waiting Durable timer is state the task hub keeps in Storage in
 * Azure (a scheduled control-queue message), not a host object; with one `setTimeout` per waiting
 * journey the host held a Node timer, its duration list and their closures per work order (about
 * 1 KB each, issue 17). Here a waiting timer is one small object. Timers due at the same time fire
 * in the order they were set, as on the clock beneath.
 */
export class TimerQueue implements Clock {
  readonly #clock: () => Clock;
  readonly #heap: QueuedTimer[] = [];
  #sequence = 0;
  #cancelled = 0;
  #armed: { readonly dueAt: number; readonly timer: ClockTimer } | undefined;

  /** `clock` is read at each use, so a queue can be made before the host hands its clock over. */
  constructor(clock: () => Clock) {
    this.#clock = clock;
  }

  /** Timers set and neither fired nor cancelled. */
  get size(): number {
    return this.#heap.length - this.#cancelled;
  }

  now(): number {
    return this.#clock().now();
  }

  setTimer(dueAt: number, callback: () => void): ClockTimer {
    const timer = new QueuedTimer(dueAt, this.#sequence++, callback, this);
    this.#push(timer);
    this.#arm();
    return timer;
  }

  /** Cancels every timer (the host stops). */
  clear(): void {
    for (const timer of this.#heap) timer.cancelled = true;
    this.#heap.length = 0;
    this.#cancelled = 0;
    this.#armed?.timer.cancel();
    this.#armed = undefined;
  }

  /** Called by a timer's `cancel`. */
  dropped(timer: QueuedTimer): void {
    this.#cancelled++;
    if (this.#cancelled * 2 > this.#heap.length) this.#compact();
    else if (this.#heap[0] === timer) this.#dropCancelledHead();
    this.#arm();
  }

  #fire(): void {
    this.#armed = undefined;
    const now = this.#clock().now();
    for (;;) {
      const head = this.#heap[0];
      if (head === undefined || head.dueAt > now) break;
      this.#pop();
      if (head.cancelled) {
        this.#cancelled--;
        continue;
      }
      head.cancelled = true;
      head.callback();
    }
    this.#arm();
  }

  /** Keeps the underlying timer on the earliest live timer, or none. */
  #arm(): void {
    this.#dropCancelledHead();
    const head = this.#heap[0];
    if (this.#armed?.dueAt === head?.dueAt) return;
    this.#armed?.timer.cancel();
    this.#armed = head && {
      dueAt: head.dueAt,
      timer: this.#clock().setTimer(head.dueAt, () => this.#fire()),
    };
  }

  #dropCancelledHead(): void {
    while (this.#heap[0]?.cancelled === true) {
      this.#pop();
      this.#cancelled--;
    }
  }

  #compact(): void {
    const live = this.#heap.filter((timer) => !timer.cancelled);
    this.#heap.length = 0;
    this.#cancelled = 0;
    for (const timer of live) this.#push(timer);
  }

  #push(timer: QueuedTimer): void {
    const heap = this.#heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = heap[parent] as QueuedTimer;
      if (!earlier(timer, above)) break;
      heap[i] = above;
      i = parent;
    }
    heap[i] = timer;
  }

  #pop(): void {
    const heap = this.#heap;
    const last = heap.pop();
    if (last === undefined || heap.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child =
        right < heap.length && earlier(heap[right] as QueuedTimer, heap[left] as QueuedTimer) ? right : left;
      const below = heap[child] as QueuedTimer;
      if (!earlier(below, last)) break;
      heap[i] = below;
      i = child;
    }
    heap[i] = last;
  }
}
