import type { ServiceBusSender } from '@azure/service-bus';
import { afterEach, describe, expect, it } from 'vitest';
import { startBroker, sleep, testQueue, type BrokerFixture } from './support';

let fixture: BrokerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const start = async (...queues: Parameters<typeof testQueue>[]): Promise<BrokerFixture> => {
  fixture = await startBroker(queues.map((args) => testQueue(...args)));
  return fixture;
};

describe('Service Bus broker: peek-lock', () => {
  it('delivers a sent message with Service Bus system properties and removes it on complete', async () => {
    const { client, broker } = await start(['orders']);
    const sender = client.createSender('orders');
    await sender.sendMessages([
      { body: { order: 1 }, messageId: 'a', subject: 'created', applicationProperties: { revision: 3 } },
      { body: { order: 2 }, messageId: 'b' },
    ]);
    const receiver = client.createReceiver('orders');
    const [first, second] = await receiver.receiveMessages(2, { maxWaitTimeInMs: 2_000 });
    expect(first?.body).toEqual({ order: 1 });
    expect(first?.subject).toBe('created');
    expect(first?.applicationProperties).toEqual({ revision: 3 });
    expect(first?.messageId).toBe('a');
    expect(first?.deliveryCount).toBe(0);
    expect(first?.lockToken).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(first?.enqueuedTimeUtc).toBeInstanceOf(Date);
    expect(first?.lockedUntilUtc?.getTime()).toBeGreaterThan(Date.now());
    expect(second?.sequenceNumber?.toNumber()).toBeGreaterThan(first?.sequenceNumber?.toNumber() ?? Infinity);
    expect(broker.stats('orders')).toMatchObject({ active: 2, locked: 2 });

    await receiver.completeMessage(first!);
    await receiver.completeMessage(second!);
    expect(broker.stats('orders')).toMatchObject({ active: 0, locked: 0 });
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).toEqual([]);
  });

  it('round-trips JSON, string, binary and amqp-value bodies with their body types', async () => {
    const { client } = await start(['bodies']);
    const sender = client.createSender('bodies');
    await sender.sendMessages({ body: { nested: { list: [1, 'two'] } } });
    await sender.sendMessages({ body: 'plain text' });
    await sender.sendMessages({ body: Buffer.from([0, 1, 2, 255]) });
    // An AMQP-annotated message picks its body section; a plain ServiceBusMessage always uses data.
    const amqpValue: Parameters<ServiceBusSender['sendMessages']>[0] = { body: 42, bodyType: 'value' };
    await sender.sendMessages(amqpValue);
    const receiver = client.createReceiver('bodies', { receiveMode: 'receiveAndDelete' });
    const received = await receiver.receiveMessages(4, { maxWaitTimeInMs: 2_000 });
    expect(received.map((m) => m.body)).toEqual([
      { nested: { list: [1, 'two'] } },
      'plain text',
      Buffer.from([0, 1, 2, 255]),
      42,
    ]);
    expect(received.map((m) => m._rawAmqpMessage.bodyType)).toEqual(['data', 'data', 'data', 'value']);
  });

  it('redelivers an abandoned message with deliveryCount incremented and modified properties', async () => {
    const { client } = await start(['work']);
    await client.createSender('work').sendMessages({ body: 'job', messageId: 'job-1' });
    const receiver = client.createReceiver('work');
    const [first] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    await receiver.abandonMessage(first!, { attempt: 'first' });
    const [again] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    expect(again?.messageId).toBe('job-1');
    expect(again?.deliveryCount).toBe(1);
    expect(again?.applicationProperties).toEqual({ attempt: 'first' });
    expect(again?.lockToken).not.toBe(first?.lockToken);
    await receiver.completeMessage(again!);
  });

  it('redelivers a message whose lock expired, and refuses settlement with the lost lock', async () => {
    const { client } = await start(['slow', { lockDuration: 'PT1S' }]);
    await client.createSender('slow').sendMessages({ body: 'late' });
    // Without auto-renewal the SDK lets the lock lapse, as a stuck handler would.
    const receiver = client.createReceiver('slow', { maxAutoLockRenewalDurationInMs: 0 });
    const [first] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    await sleep(1_300);
    const [again] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    expect(again?.body).toBe('late');
    expect(again?.deliveryCount).toBe(1);
    await expect(receiver.completeMessage(first!)).rejects.toMatchObject({ code: 'MessageLockLost' });
    await receiver.completeMessage(again!);
  });

  it('keeps a message locked past its lock duration while the SDK renews the lock', async () => {
    const { client, broker } = await start(['renewed', { lockDuration: 'PT1S' }]);
    await client.createSender('renewed').sendMessages({ body: 'long job' });
    const receiver = client.createReceiver('renewed', { maxAutoLockRenewalDurationInMs: 10_000 });
    const [message] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    const firstLockedUntil = message!.lockedUntilUtc!.getTime();
    await sleep(2_200);
    expect(broker.stats('renewed')).toMatchObject({ active: 1, locked: 1 });
    expect(message!.lockedUntilUtc!.getTime()).toBeGreaterThan(firstLockedUntil);
    await receiver.completeMessage(message!);
    expect(broker.stats('renewed').active).toBe(0);
  });

  it('renews a lock on request and reports the new locked-until time', async () => {
    const { client } = await start(['manual', { lockDuration: 'PT1S' }]);
    await client.createSender('manual').sendMessages({ body: 'x' });
    const receiver = client.createReceiver('manual', { maxAutoLockRenewalDurationInMs: 0 });
    const [message] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    const before = message!.lockedUntilUtc!.getTime();
    await sleep(600);
    const renewed = await receiver.renewMessageLock(message!);
    expect(renewed.getTime()).toBeGreaterThan(before);
    await sleep(600);
    // Past the original lock: only the renewal keeps the message ours.
    await receiver.completeMessage(message!);
  });

  it('removes messages on delivery in receive-and-delete mode', async () => {
    const { client, broker } = await start(['fire-and-forget']);
    await client.createSender('fire-and-forget').sendMessages([{ body: 1 }, { body: 2 }]);
    const receiver = client.createReceiver('fire-and-forget', { receiveMode: 'receiveAndDelete' });
    const received = await receiver.receiveMessages(2, { maxWaitTimeInMs: 2_000 });
    expect(received.map((m) => m.body)).toEqual([1, 2]);
    expect(received[0]?.lockToken).toBeUndefined();
    expect(broker.stats('fire-and-forget').active).toBe(0);
  });
});
