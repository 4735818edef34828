import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

// The app is imported only through the runtime: it must load after the host's core API is in place.
const app = () => import('./apps/httpTimerApp');

describe('local runtime timer triggers', () => {
  let rt: TestRuntime | undefined;
  afterEach(async () => {
    await rt?.stop();
    const { startups, ticks } = await app();
    ticks.length = 0;
    startups.length = 0;
  });

  it('fires on the NCRONTAB schedule as the manual clock advances', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 9, 1, 0));
    rt = await startTestRuntime({ app, clock, embedded: false });
    const { ticks } = await app();
    await clock.advance(3 * 60_000);
    expect(ticks).toEqual([]);
    await clock.advance(12 * 60_000);
    expect(ticks.map((t) => t.at)).toEqual([
      '2026-01-05T09:05:00.000Z',
      '2026-01-05T09:10:00.000Z',
      '2026-01-05T09:15:00.000Z',
    ]);
    expect(ticks.every((t) => !t.isPastDue)).toBe(true);
    expect(ticks[1]?.last).toBe('2026-01-05T09:05:00.000Z');
  });

  it('runs a runOnStartup function at start', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 9, 1, 0));
    rt = await startTestRuntime({ app, clock, embedded: false });
    const { startups } = await app();
    await clock.settle();
    expect(startups).toEqual(['2026-01-05T09:01:00.000Z']);
    await clock.advance(24 * 60 * 60_000);
    expect(startups).toEqual(['2026-01-05T09:01:00.000Z', '2026-01-06T03:00:00.000Z']);
  });

  it('stops firing once the runtime is stopped', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 9, 1, 0));
    rt = await startTestRuntime({ app, clock, embedded: false });
    await rt.stop();
    rt = undefined;
    await clock.advance(60 * 60_000);
    expect((await app()).ticks).toEqual([]);
  });
});
