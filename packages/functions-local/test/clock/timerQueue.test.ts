import { describe, expect, it } from 'vitest';
import { ManualClock, TimerQueue } from '../../src/clock';

describe('TimerQueue', () => {
  it('fires each timer at its due time, ties in the order they were set', async () => {
    const clock = new ManualClock(0);
    const queue = new TimerQueue(() => clock);
    const fired: [string, number][] = [];
    for (const [name, dueAt] of [
      ['c', 300],
      ['a', 100],
      ['b1', 200],
      ['b2', 200],
    ] as const) {
      queue.setTimer(dueAt, () => fired.push([name, clock.now()]));
    }
    await clock.advance(250);
    expect(fired).toEqual([
      ['a', 100],
      ['b1', 200],
      ['b2', 200],
    ]);
    await clock.advance(100);
    expect(fired.at(-1)).toEqual(['c', 300]);
    expect(queue.size).toBe(0);
  });

  it('holds any number of waiting timers on one timer of the clock beneath', () => {
    const clock = new ManualClock(0);
    const queue = new TimerQueue(() => clock);
    for (let n = 0; n < 1000; n++) queue.setTimer(10_000 + ((n * 7919) % 5000), () => undefined);
    expect(queue.size).toBe(1000);
    expect(clock.pendingTimers()).toEqual([10_000]);
  });

  it('never fires a cancelled timer and lets go of it, leaving no timer beneath once all are cancelled', async () => {
    const clock = new ManualClock(0);
    const queue = new TimerQueue(() => clock);
    const fired: number[] = [];
    const timers = Array.from({ length: 100 }, (_, n) => queue.setTimer(1000 + n, () => fired.push(n)));
    for (const timer of timers.slice(0, 60)) timer.cancel();
    expect(queue.size).toBe(40);
    expect(clock.pendingTimers()).toEqual([1060]);
    for (const timer of timers.slice(60, 99)) timer.cancel();
    await clock.advance(2000);
    expect(fired).toEqual([99]);
    timers[99]?.cancel();
    queue.setTimer(5000, () => fired.push(-1)).cancel();
    expect(queue.size).toBe(0);
    expect(clock.pendingTimers()).toEqual([]);
  });

  it('fires a timer set by a firing timer, also one due at once', async () => {
    const clock = new ManualClock(0);
    const queue = new TimerQueue(() => clock);
    const fired: string[] = [];
    queue.setTimer(10, () => {
      fired.push('first');
      queue.setTimer(clock.now(), () => fired.push('now'));
      queue.setTimer(clock.now() + 10, () => fired.push('later'));
    });
    await clock.advance(100);
    expect(fired).toEqual(['first', 'now', 'later']);
  });
});
