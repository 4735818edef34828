import { describe, expect, it } from 'vitest';
import { ManualClock, shiftedClock } from '../../src/clock';

describe('shiftedClock', () => {
  it('reads the chosen start at once and then runs on with the real clock', async () => {
    const real = new ManualClock(1_000);
    const clock = shiftedClock(new Date('2026-11-24T09:30:00Z'), real);
    expect(new Date(clock.now()).toISOString()).toBe('2026-11-24T09:30:00.000Z');
    await real.advance(90_000);
    expect(new Date(clock.now()).toISOString()).toBe('2026-11-24T09:31:30.000Z');
  });

  it('fires a timer when its shifted due time is reached, after the real delay', async () => {
    const real = new ManualClock(0);
    const clock = shiftedClock(5_000_000, real);
    const fired: number[] = [];
    clock.setTimer(5_000_000 + 60_000, () => fired.push(clock.now()));
    await real.advance(59_999);
    expect(fired).toEqual([]);
    await real.advance(1);
    expect(fired).toEqual([5_060_000]);
  });

  it('cancels through to the real timer', async () => {
    const real = new ManualClock(0);
    const clock = shiftedClock(10_000, real);
    clock.setTimer(10_500, () => expect.fail('a cancelled timer fired')).cancel();
    await real.advance(1_000);
    expect(real.pendingTimers()).toEqual([]);
  });
});
