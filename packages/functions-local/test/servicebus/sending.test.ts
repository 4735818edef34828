import { afterEach, describe, expect, it } from 'vitest';
import { startBroker, testQueue, type BrokerFixture } from './support';

let fixture: BrokerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('Service Bus broker: sending and addressing', () => {
  it('drops a message whose messageId was seen within the duplicate-detection window', async () => {
    fixture = await startBroker([
      testQueue('dedup'),
      testQueue('plain', { requiresDuplicateDetection: false }),
    ]);
    const { client, broker } = fixture;
    const dedup = client.createSender('dedup');
    await dedup.sendMessages({ body: 'first', messageId: 'wo-1:rev-1' });
    await dedup.sendMessages({ body: 'retry', messageId: 'wo-1:rev-1' });
    await dedup.sendMessages({ body: 'next revision', messageId: 'wo-1:rev-2' });
    const plain = client.createSender('plain');
    await plain.sendMessages({ body: 'a', messageId: 'same' });
    await plain.sendMessages({ body: 'b', messageId: 'same' });
    expect(broker.stats('dedup').active).toBe(2);
    expect(broker.stats('plain').active).toBe(2);
    const received = await client
      .createReceiver('dedup', { receiveMode: 'receiveAndDelete' })
      .receiveMessages(3, { maxWaitTimeInMs: 1_000 });
    expect(received.map((m) => m.body)).toEqual(['first', 'next revision']);
  });

  it('forgets message ids once the duplicate-detection window has passed', async () => {
    fixture = await startBroker([testQueue('window', { duplicateDetectionHistoryTimeWindow: 'PT0.2S' })]);
    const { client, broker } = fixture;
    const sender = client.createSender('window');
    await sender.sendMessages({ body: 1, messageId: 'id' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await sender.sendMessages({ body: 2, messageId: 'id' });
    expect(broker.stats('window').active).toBe(2);
  });

  it('accepts a batch from createMessageBatch and enqueues each message separately', async () => {
    fixture = await startBroker([testQueue('batched')]);
    const { client, broker } = fixture;
    const sender = client.createSender('batched');
    const batch = await sender.createMessageBatch();
    expect(batch.maxSizeInBytes).toBe(256 * 1024);
    for (let index = 0; index < 50; index++) {
      expect(
        batch.tryAddMessage({ body: { index }, messageId: `m-${index}`, applicationProperties: { index } }),
      ).toBe(true);
    }
    await sender.sendMessages(batch);
    expect(broker.stats('batched').active).toBe(50);
    const received = await client
      .createReceiver('batched', { receiveMode: 'receiveAndDelete' })
      .receiveMessages(50, { maxWaitTimeInMs: 2_000 });
    expect(received.map((m) => m.body)).toEqual(Array.from({ length: 50 }, (_, index) => ({ index })));
    expect(received.map((m) => m.messageId)).toEqual(Array.from({ length: 50 }, (_, index) => `m-${index}`));
    expect(received[49]?.applicationProperties).toEqual({ index: 49 });
  });

  it('refuses senders and receivers for an unknown queue with MessagingEntityNotFound', async () => {
    fixture = await startBroker([testQueue('known')]);
    const { client } = fixture;
    await expect(client.createSender('nope').sendMessages({ body: 1 })).rejects.toMatchObject({
      code: 'MessagingEntityNotFound',
    });
    await expect(
      client.createReceiver('nope').receiveMessages(1, { maxWaitTimeInMs: 500 }),
    ).rejects.toMatchObject({ code: 'MessagingEntityNotFound' });
    await expect(client.createReceiver('nope').peekMessages(1)).rejects.toMatchObject({
      code: 'MessagingEntityNotFound',
    });
  });

  it('refuses a session receiver on a queue without sessions, as Service Bus does', async () => {
    fixture = await startBroker([testQueue('no-sessions')]);
    const { client } = fixture;
    await expect(client.acceptSession('no-sessions', 'session-1')).rejects.toThrow(
      /does not require sessions/,
    );
  });

  it('refuses queue definitions it cannot honour', async () => {
    await expect(startBroker([testQueue('bad', { lockDuration: 'one minute' })])).rejects.toThrow(
      /lockDuration/,
    );
  });
});
