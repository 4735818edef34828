import { performance } from 'node:perf_hooks';
import { hour, JourneyRun } from '../test/journey/support/journeyRun';

/**
 * The customer journey's happy path on the local Durable engine (real replay code, real
 * activities over an in-memory world): the length of its history — Durable replays all of it on
 * every step, so it must stay short (limit 150 events) — and how long one whole journey takes,
 * against the same journey's first step alone (start → invitation) measured in the same run.
 */
const slot = {
  appointmentId: 'AP-1',
  technicianId: 'T-7',
  windowStart: '2026-01-12T07:00:00.000Z',
  windowEnd: '2026-01-12T11:00:00.000Z',
  via: 'web' as const,
};

async function happyPath(): Promise<{ events: number; ms: number }> {
  const started = performance.now();
  const run = await JourneyRun.start('2026-01-05T08:00:00.000Z');
  run.world.records.reports.set('R-1', { checklist: [], measurements: [], photos: [] });
  await run.advance(hour);
  await run.raise('appointmentBooked', slot);
  await run.advanceTo('2026-01-12T07:05:00.000Z');
  await run.raise('technicianEnRoute', { technicianId: 'T-7', eta: '2026-01-12T07:30:00.000Z' });
  await run.raise('visitCompleted', {
    technicianId: 'T-7',
    completedAt: '2026-01-12T09:00:00.000Z',
    reportId: 'R-1',
  });
  const status = await run.status();
  if (status.runtimeStatus !== 'Completed') throw new Error(`journey ended ${status.runtimeStatus}`);
  const events = await run.historyLength();
  await run.stop();
  return { events, ms: performance.now() - started };
}

async function firstStep(): Promise<number> {
  const started = performance.now();
  const run = await JourneyRun.start('2026-01-05T08:00:00.000Z');
  await run.stop();
  return performance.now() - started;
}

export async function run(rounds = 5): Promise<void> {
  await happyPath();
  const full: number[] = [];
  let events = 0;
  for (let i = 0; i < rounds; i++) {
    const result = await happyPath();
    full.push(result.ms);
    events = result.events;
  }
  const starts: number[] = [];
  for (let i = 0; i < rounds; i++) starts.push(await firstStep());
  const median = (values: number[]): number =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  console.log(
    `journey happy path: ${events} history events (limit 150, ${((events / 150) * 100).toFixed(0)}% of it)`,
  );
  console.log(`whole happy path (invitation → completed, 8 messages): median ${median(full).toFixed(0)} ms`);
  console.log(`baseline, start and first invitation only: median ${median(starts).toFixed(0)} ms`);
  console.log(`ratio whole journey / first step: ${(median(full) / median(starts)).toFixed(1)}×`);
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
