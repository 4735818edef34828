import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';
import { startBroker, testQueue, type BrokerFixture } from './support';

let fixture: BrokerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('Service Bus broker: defer, schedule, peek', () => {
  it('keeps a deferred message out of normal receives until it is received by sequence number', async () => {
    fixture = await startBroker([testQueue('later')]);
    const { client, broker } = fixture;
    await client.createSender('later').sendMessages([{ body: 'deferred' }, { body: 'next' }]);
    const receiver = client.createReceiver('later');
    const [first] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    await receiver.deferMessage(first!, { deferredBy: 'test' });
    expect(broker.stats('later')).toMatchObject({ deferred: 1 });

    const [next] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    expect(next?.body).toBe('next');
    await receiver.completeMessage(next!);
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).toEqual([]);

    const [deferred] = await receiver.receiveDeferredMessages(first!.sequenceNumber!);
    expect(deferred?.body).toBe('deferred');
    expect(deferred?.state).toBe('deferred');
    expect(deferred?.applicationProperties).toEqual({ deferredBy: 'test' });
    await receiver.completeMessage(deferred!);
    expect(broker.stats('later')).toMatchObject({ active: 0, deferred: 0 });
    await expect(receiver.receiveDeferredMessages(first!.sequenceNumber!)).rejects.toMatchObject({
      code: 'MessageNotFound',
    });
  });

  it('enqueues a scheduled message only at its time, and never once cancelled', async () => {
    // The broker's own clock, so a loaded machine cannot make the wait before the time too long.
    const clock = new ManualClock(Date.parse('2026-12-02T09:00:00Z'));
    fixture = await startBroker([testQueue('timed')], { clock });
    const { client, broker } = fixture;
    const sender = client.createSender('timed');
    const at = new Date(clock.now() + 60_000);
    const [kept] = await sender.scheduleMessages({ body: 'kept' }, at);
    const [cancelled] = await sender.scheduleMessages({ body: 'cancelled' }, at);
    await sender.sendMessages({ body: 'by annotation', scheduledEnqueueTimeUtc: at });
    expect(broker.stats('timed')).toMatchObject({ active: 0, scheduled: 3 });
    await sender.cancelScheduledMessages(cancelled!);

    const receiver = client.createReceiver('timed', { receiveMode: 'receiveAndDelete' });
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 200 })).toEqual([]);
    await clock.advance(59_000);
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 200 })).toEqual([]);
    await clock.advance(1_000);
    const received = await receiver.receiveMessages(3, { maxWaitTimeInMs: 1_000 });
    expect(received.map((m) => m.body).sort()).toEqual(['by annotation', 'kept']);
    expect(received.find((m) => m.body === 'kept')?.sequenceNumber?.toNumber()).toBe(kept?.toNumber());
    expect(received[0]?.enqueuedTimeUtc?.getTime()).toBe(at.getTime());
  });

  it('peeks active, deferred and scheduled messages without locking or consuming them', async () => {
    fixture = await startBroker([testQueue('browse')]);
    const { client, broker } = fixture;
    const sender = client.createSender('browse');
    await sender.sendMessages([{ body: 'a' }, { body: 'b' }, { body: 'c' }]);
    await sender.scheduleMessages({ body: 'future' }, new Date(Date.now() + 60_000));
    const receiver = client.createReceiver('browse');
    const [a] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    await receiver.deferMessage(a!);

    const peeker = client.createReceiver('browse');
    const firstPage = await peeker.peekMessages(2);
    const secondPage = await peeker.peekMessages(10);
    expect(firstPage.map((m) => m.body)).toEqual(['a', 'b']);
    expect(secondPage.map((m) => m.body)).toEqual(['c', 'future']);
    expect([...firstPage, ...secondPage].map((m) => m.state)).toEqual([
      'deferred',
      'active',
      'active',
      'scheduled',
    ]);
    expect(firstPage[0]?.lockToken).toBeUndefined();
    expect(await peeker.peekMessages(5)).toEqual([]);
    expect(broker.stats('browse')).toMatchObject({ active: 2, locked: 0, deferred: 1, scheduled: 1 });
  });
});
