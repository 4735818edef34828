import type { ServiceBusReceivedMessage } from '@azure/service-bus';
import { afterEach, describe, expect, it } from 'vitest';
import { startBroker, sleep, testQueue, type BrokerFixture } from './support';

let fixture: BrokerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const waitFor = async (condition: () => boolean, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
};

describe('Service Bus broker: subscribe', () => {
  it('feeds processMessage and completes each message when the handler returns', async () => {
    fixture = await startBroker([testQueue('pump')]);
    const { client, broker } = fixture;
    await client
      .createSender('pump')
      .sendMessages(Array.from({ length: 20 }, (_, index) => ({ body: index })));
    const seen: number[] = [];
    const receiver = client.createReceiver('pump');
    const subscription = receiver.subscribe(
      {
        processMessage: async (message: ServiceBusReceivedMessage) => {
          seen.push(message.body as number);
        },
        processError: async () => undefined,
      },
      { maxConcurrentCalls: 4 },
    );
    await waitFor(() => seen.length === 20 && broker.stats('pump').active === 0);
    await subscription.close();
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index));
  });

  it('abandons a message whose handler throws and redelivers it with a higher deliveryCount', async () => {
    fixture = await startBroker([testQueue('retry', { maxDeliveryCount: 5 })]);
    const { client, broker } = fixture;
    await client.createSender('retry').sendMessages({ body: 'flaky', messageId: 'f' });
    const attempts: number[] = [];
    const errors: unknown[] = [];
    const receiver = client.createReceiver('retry');
    const subscription = receiver.subscribe({
      processMessage: async (message: ServiceBusReceivedMessage) => {
        attempts.push(message.deliveryCount ?? -1);
        if (attempts.length < 3) throw new Error('transient failure');
      },
      processError: async (args) => {
        errors.push(args.error);
      },
    });
    await waitFor(() => attempts.length === 3 && broker.stats('retry').active === 0);
    await subscription.close();
    expect(attempts).toEqual([0, 1, 2]);
    expect(errors).toHaveLength(2);
    expect(broker.stats('retry').deadLetter).toBe(0);
  });
});
