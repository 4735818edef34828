import { afterEach, describe, expect, it } from 'vitest';
import { startBroker, sleep, testQueue, type BrokerFixture } from './support';

let fixture: BrokerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('Service Bus broker: dead-letter queue', () => {
  it('moves a dead-lettered message to <queue>/$deadletterqueue with reason and description', async () => {
    fixture = await startBroker([testQueue('intake')]);
    const { client, broker } = fixture;
    await client
      .createSender('intake')
      .sendMessages({ body: { bad: true }, messageId: 'poison', applicationProperties: { kind: 'x' } });
    const receiver = client.createReceiver('intake');
    const [message] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    await receiver.deadLetterMessage(message!, {
      deadLetterReason: 'SchemaInvalid',
      deadLetterErrorDescription: 'missing id',
    });
    expect(broker.stats('intake')).toMatchObject({ active: 0, deadLetter: 1 });

    const dlq = client.createReceiver('intake', { subQueueType: 'deadLetter' });
    const [dead] = await dlq.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    expect(dead?.messageId).toBe('poison');
    expect(dead?.body).toEqual({ bad: true });
    expect(dead?.deadLetterReason).toBe('SchemaInvalid');
    expect(dead?.deadLetterErrorDescription).toBe('missing id');
    expect(dead?.deadLetterSource).toBe('intake');
    expect(dead?.applicationProperties).toMatchObject({ kind: 'x' });
    expect(dead?.sequenceNumber?.toNumber()).toBe(message?.sequenceNumber?.toNumber());
    await dlq.completeMessage(dead!);
    expect(broker.stats('intake').deadLetter).toBe(0);
  });

  it('dead-letters a message after maxDeliveryCount failed deliveries with MaxDeliveryCountExceeded', async () => {
    fixture = await startBroker([testQueue('flaky', { maxDeliveryCount: 2 })]);
    const { client, broker } = fixture;
    await client.createSender('flaky').sendMessages({ body: 'boom', messageId: 'm' });
    const receiver = client.createReceiver('flaky');
    const counts: number[] = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      const [message] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
      counts.push(message!.deliveryCount!);
      await receiver.abandonMessage(message!);
    }
    expect(counts).toEqual([0, 1]);
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).toEqual([]);
    expect(broker.stats('flaky')).toMatchObject({ active: 0, deadLetter: 1 });

    const [dead] = await client
      .createReceiver('flaky', { subQueueType: 'deadLetter' })
      .receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    expect(dead?.deadLetterReason).toBe('MaxDeliveryCountExceeded');
    expect(dead?.messageId).toBe('m');
  });

  it('dead-letters an expired message when the queue says so, and drops it when it does not', async () => {
    fixture = await startBroker([
      testQueue('expiring'),
      testQueue('forgetful', { deadLetteringOnMessageExpiration: false }),
    ]);
    const { client, broker } = fixture;
    await client.createSender('expiring').sendMessages({ body: 'stale', timeToLive: 300 });
    await client.createSender('forgetful').sendMessages({ body: 'stale', timeToLive: 300 });
    await sleep(600);
    expect(broker.stats('expiring')).toMatchObject({ active: 0, deadLetter: 1 });
    expect(broker.stats('forgetful')).toMatchObject({ active: 0, deadLetter: 0 });
    const [dead] = await client
      .createReceiver('expiring', { subQueueType: 'deadLetter' })
      .receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    expect(dead?.body).toBe('stale');
    expect(dead?.deadLetterReason).toBe('TTLExpiredException');
  });

  it('caps a message time-to-live at the queue default', async () => {
    fixture = await startBroker([testQueue('short-lived', { defaultMessageTimeToLive: 'PT0.3S' })]);
    const { client, broker } = fixture;
    await client.createSender('short-lived').sendMessages({ body: 'x', timeToLive: 60_000 });
    await sleep(600);
    expect(broker.stats('short-lived')).toMatchObject({ active: 0, deadLetter: 1 });
  });
});
