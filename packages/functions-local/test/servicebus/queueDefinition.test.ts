import { describe, expect, it } from 'vitest';
import { parseIsoDuration } from '../../src/servicebus/isoDuration';
import { queuesFromManifest, resolveQueue } from '../../src/servicebus/queueDefinition';
import { testQueue } from './support';

describe('queue definitions', () => {
  it('reads ISO 8601 durations of days, hours, minutes and seconds', () => {
    expect(parseIsoDuration('PT1M')).toEqual({ ok: true, value: 60_000 });
    expect(parseIsoDuration('P14D')).toEqual({ ok: true, value: 14 * 86_400_000 });
    expect(parseIsoDuration('P1DT2H3M4.5S')).toEqual({
      ok: true,
      value: 86_400_000 + 7_200_000 + 180_000 + 4_500,
    });
    expect(parseIsoDuration('PT0.3S')).toEqual({ ok: true, value: 300 });
    for (const bad of ['', 'P', 'PT', '1M', 'P1M', 'P1Y', 'PT1X'])
      expect(parseIsoDuration(bad).ok).toBe(false);
  });

  it('builds the broker queues from the resource manifest', () => {
    const resources = {
      serviceBus: {
        queues: {
          inbound: {
            name: 'orders-in',
            lockDuration: 'PT1M',
            maxDeliveryCount: 5,
            defaultMessageTimeToLive: 'P14D',
            deadLetteringOnMessageExpiration: true,
            requiresDuplicateDetection: true,
            duplicateDetectionHistoryTimeWindow: 'PT10M',
            requiresSession: false,
          },
          outbound: {
            name: 'orders-out',
            lockDuration: 'PT30S',
            maxDeliveryCount: 10,
            defaultMessageTimeToLive: 'P1D',
            deadLetteringOnMessageExpiration: false,
            requiresDuplicateDetection: false,
            duplicateDetectionHistoryTimeWindow: 'PT10M',
            requiresSession: false,
          },
        },
      },
    };
    const queues = queuesFromManifest(resources);
    expect(queues.map((q) => q.name)).toEqual(Object.values(resources.serviceBus.queues).map((q) => q.name));
    const resolved = queues.map((q) => resolveQueue(q));
    expect(resolved.every((r) => r.ok)).toBe(true);
    expect(resolved[0]).toMatchObject({
      ok: true,
      value: {
        lockDurationMs: 60_000,
        defaultTimeToLiveMs: 14 * 86_400_000,
        duplicateDetectionWindowMs: 600_000,
      },
    });
  });

  it('runs session queues and refuses malformed durations', () => {
    expect(resolveQueue(testQueue('s', { requiresSession: true }))).toMatchObject({
      ok: true,
      value: { requiresSession: true },
    });
    expect(resolveQueue(testQueue('d', { defaultMessageTimeToLive: 'forever' })).ok).toBe(false);
    expect(resolveQueue({ name: 'partial' }).ok).toBe(false);
  });
});
