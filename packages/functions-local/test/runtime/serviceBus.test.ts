import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';
import type { QueueDefinition } from '../../src/servicebus';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

const queue = (name: string, maxDeliveryCount: number): QueueDefinition => ({
  name,
  lockDuration: 'PT30S',
  maxDeliveryCount,
  defaultMessageTimeToLive: 'P1D',
  deadLetteringOnMessageExpiration: false,
  requiresDuplicateDetection: false,
  duplicateDetectionHistoryTimeWindow: 'PT10M',
  requiresSession: false,
});

const app = () => import('./apps/serviceBusApp');

describe('local runtime Service Bus triggers and outputs', () => {
  let rt: TestRuntime;

  beforeAll(async () => {
    rt = await startTestRuntime({
      app,
      embedded: { serviceBus: true, cosmos: false, blob: false, outbox: false },
      queues: [queue('rt-in', 5), queue('rt-out', 5), queue('rt-poison', 3)],
      settings: { RelayQueue: 'rt-in' },
    });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('hands a message sent with the SDK to the function and delivers its output binding', async () => {
    const client = rt.serviceBusClient();
    const sender = client.createSender('rt-in');
    await sender.sendMessages({
      body: { orderId: 'o-1' },
      messageId: 'msg-1',
      applicationProperties: { source: 'test' },
    });
    await sender.close();

    const receiver = client.createReceiver('rt-out');
    const [message] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 10_000 });
    await receiver.completeMessage(message!);
    await receiver.close();
    expect(message?.body).toEqual({
      relayed: { orderId: 'o-1' },
      messageId: 'msg-1',
      deliveryCount: 1,
      source: 'test',
      hasLockToken: true,
      hasEnqueuedTime: true,
    });
    await rt.runtime.idle();
    const broker = rt.runtime.parts.find((p) => p.name === 'serviceBus');
    expect(broker?.name === 'serviceBus' && broker.handle.stats('rt-in')).toMatchObject({
      active: 0,
      deadLetter: 0,
    });
  });

  it('abandons when the function throws, redelivers, and dead-letters after the max delivery count', async () => {
    const client = rt.serviceBusClient();
    const sender = client.createSender('rt-poison');
    await sender.sendMessages({ body: 'bad', messageId: 'poison-1' });
    await sender.close();

    const deadLetters = client.createReceiver('rt-poison', { subQueueType: 'deadLetter' });
    const [dead] = await deadLetters.receiveMessages(1, { maxWaitTimeInMs: 15_000 });
    await deadLetters.completeMessage(dead!);
    await deadLetters.close();
    expect(dead?.messageId).toBe('poison-1');
    expect((await app()).poisonDeliveries).toEqual([1, 2, 3]);
  });

  it('sends an HTTP function output binding array as one message per element', async () => {
    const response = await rt.fetch('/api/enqueue', { method: 'POST', body: JSON.stringify({ n: 7 }) });
    expect(response.status).toBe(202);
    const receiver = rt.serviceBusClient().createReceiver('rt-out', { receiveMode: 'receiveAndDelete' });
    const bodies: unknown[] = [];
    while (bodies.length < 2) {
      const batch = await receiver.receiveMessages(2 - bodies.length, { maxWaitTimeInMs: 10_000 });
      if (batch.length === 0) break;
      bodies.push(...batch.map((m) => (Buffer.isBuffer(m.body) ? m.body.toString('utf8') : m.body)));
    }
    await receiver.close();
    expect(bodies).toEqual([{ n: 7 }, 'plain text']);
  });
});

describe('local runtime Service Bus triggers on a manual clock', () => {
  it('makes the clock wait until every sent message has been processed and settled', async () => {
    const clock = new ManualClock();
    const rt = await startTestRuntime({
      app,
      clock,
      // One call at a time (host.json), so most messages wait in the broker, not in an invocation.
      directory: join(__dirname, 'apps', 'oneAtATime'),
      embedded: { serviceBus: true, cosmos: false, blob: false, outbox: false },
      queues: [queue('rt-in', 5), queue('rt-out', 5), queue('rt-poison', 3)],
      settings: { RelayQueue: 'rt-in' },
    });
    try {
      const sender = rt.serviceBusClient().createSender('rt-in');
      await sender.sendMessages(
        ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ body: { orderId: id }, messageId: `msg-${id}` })),
      );
      await sender.close();
      await clock.settle();
      const broker = rt.runtime.parts.find((p) => p.name === 'serviceBus');
      const stats = (queue: string) =>
        broker?.name === 'serviceBus' ? broker.handle.stats(queue) : undefined;
      expect(stats('rt-in')).toMatchObject({ active: 0 });
      expect(stats('rt-out')).toMatchObject({ active: 6 });
    } finally {
      await rt.stop();
    }
  });
});
