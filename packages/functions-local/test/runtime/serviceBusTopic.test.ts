import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubscriptionDefinition } from '../../src/servicebus';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

const subscription = (name: string, rules?: SubscriptionDefinition['rules']): SubscriptionDefinition => ({
  name,
  lockDuration: 'PT30S',
  maxDeliveryCount: 5,
  defaultMessageTimeToLive: 'P1D',
  deadLetteringOnMessageExpiration: false,
  requiresSession: false,
  ...(rules ? { rules } : {}),
});

const topic = (name: string, subscriptions: readonly SubscriptionDefinition[]) => ({
  name,
  defaultMessageTimeToLive: 'P1D',
  requiresDuplicateDetection: false,
  duplicateDetectionHistoryTimeWindow: 'PT10M',
  subscriptions: Object.fromEntries(subscriptions.map((sub) => [sub.name, sub])),
});

describe('local runtime Service Bus topic triggers', () => {
  let rt: TestRuntime;

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('./apps/topicApp'),
      embedded: { serviceBus: true, cosmos: false, blob: false, outbox: false },
      // Topics come from the app's resource manifest, as `npm start` passes it.
      resources: {
        serviceBus: {
          topics: {
            orders: topic('rt-orders', [
              subscription('priority', [
                { name: 'gold', filterType: 'SqlFilter', sqlFilter: { sqlExpression: "tier = 'gold'" } },
              ]),
            ]),
            results: topic('rt-results', [subscription('all')]),
          },
        },
      },
      settings: { PrioritySubscription: 'priority' },
    });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('invokes app.serviceBusTopic for the messages its subscription selects and publishes its topic output', async () => {
    const client = rt.serviceBusClient();
    const sender = client.createSender('rt-orders');
    await sender.sendMessages([
      { body: { order: 1 }, applicationProperties: { tier: 'silver' } },
      { body: { order: 2 }, applicationProperties: { tier: 'gold' } },
    ]);
    await sender.close();
    const receiver = client.createReceiver('rt-results', 'all');
    const received = await receiver.receiveMessages(5, { maxWaitTimeInMs: 10_000 });
    for (const message of received) await receiver.completeMessage(message);
    await receiver.close();
    expect(received.map((m) => m.body)).toEqual([{ seen: { order: 2 }, tier: 'gold' }]);
    await rt.runtime.idle();
    const broker = rt.runtime.parts.find((p) => p.name === 'serviceBus');
    expect(
      broker?.name === 'serviceBus' && broker.handle.stats('rt-orders/Subscriptions/priority'),
    ).toMatchObject({
      active: 0,
      deadLetter: 0,
    });
  });
});
