import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';

describe('ManualClock', () => {
  it('fires timers in due order and moves time to each due instant', async () => {
    const clock = new ManualClock(0);
    const fired: [string, number][] = [];
    clock.setTimer(300, () => fired.push(['late', clock.now()]));
    clock.setTimer(100, () => fired.push(['early', clock.now()]));
    await clock.advance(200);
    expect(fired).toEqual([['early', 100]]);
    expect(clock.now()).toBe(200);
    await clock.advance(200);
    expect(fired).toEqual([
      ['early', 100],
      ['late', 300],
    ]);
  });

  it('fires timers scheduled by a firing timer within the same advance', async () => {
    const clock = new ManualClock(0);
    const fired: number[] = [];
    clock.setTimer(10, () => {
      fired.push(clock.now());
      setTimeout(() => clock.setTimer(clock.now() + 10, () => fired.push(clock.now())), 0);
    });
    await clock.advance(100);
    expect(fired).toEqual([10, 20]);
  });

  it('does not fire cancelled timers', async () => {
    const clock = new ManualClock(0);
    let fired = false;
    clock.setTimer(5, () => (fired = true)).cancel();
    await clock.advance(10);
    expect(fired).toBe(false);
    expect(clock.pendingTimers()).toEqual([]);
  });

  it('waits for registered parts to go quiet before moving on', async () => {
    const clock = new ManualClock(0);
    const order: string[] = [];
    let busy: Promise<void> = Promise.resolve();
    clock.addQuiescence(() => busy);
    clock.setTimer(1, () => {
      busy = new Promise((resolve) => setTimeout(() => (order.push('work done'), resolve()), 20));
    });
    clock.setTimer(2, () => order.push('second timer'));
    await clock.advance(5);
    expect(order).toEqual(['work done', 'second timer']);
  });
});
