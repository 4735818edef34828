import { ServiceBusClient } from '@azure/service-bus';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';
import { startServiceBusBroker } from '../../src/servicebus';
import { testQueue } from './support';

describe('Service Bus broker: injected clock', () => {
  it('runs lock expiry and scheduled enqueue on the clock it is given, not on real time', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 9, 0, 0));
    const broker = await startServiceBusBroker({
      queues: [testQueue('virtual', { lockDuration: 'PT5M' })],
      clock,
    });
    const client = new ServiceBusClient(broker.connectionString);
    try {
      const sender = client.createSender('virtual');
      await sender.sendMessages({ body: 'now' });
      await sender.scheduleMessages({ body: 'tomorrow' }, new Date(clock.now() + 86_400_000));
      const receiver = client.createReceiver('virtual', { maxAutoLockRenewalDurationInMs: 0 });
      const [message] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
      expect(message?.enqueuedTimeUtc?.getTime()).toBe(Date.UTC(2026, 0, 5, 9, 0, 0));
      expect(message?.lockedUntilUtc?.getTime()).toBe(clock.now() + 5 * 60_000);

      await clock.advance(5 * 60_000);
      expect(broker.stats('virtual')).toMatchObject({ active: 1, locked: 0, scheduled: 1 });
      await clock.advance(86_400_000);
      expect(broker.stats('virtual')).toMatchObject({ active: 2, scheduled: 0 });
    } finally {
      await client.close();
      await broker.close();
    }
  });
});
