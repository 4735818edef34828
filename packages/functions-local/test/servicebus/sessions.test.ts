import { isServiceBusError } from '@azure/service-bus';
import { afterEach, describe, expect, it } from 'vitest';
import { startBroker, testQueue, type BrokerFixture } from './support';

let fixture: BrokerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const sessionQueue = (name: string) => testQueue(name, { requiresSession: true, lockDuration: 'PT2S' });

describe('Service Bus broker: sessions (the SDK’s session samples)', () => {
  it('keeps order within a session and hands the next free session to acceptNextSession', async () => {
    fixture = await startBroker([sessionQueue('orders')]);
    const { client } = fixture;
    const sender = client.createSender('orders');
    // Interleaved sends: each session must still come out in its own order.
    for (let step = 0; step < 3; step++) {
      await sender.sendMessages([
        { body: `a${step}`, sessionId: 'alice' },
        { body: `b${step}`, sessionId: 'bob' },
      ]);
    }
    const first = await client.acceptNextSession('orders');
    expect(first.sessionId).toBe('alice');
    expect(first.sessionLockedUntilUtc.getTime()).toBeGreaterThan(Date.now());
    const second = await client.acceptNextSession('orders');
    expect(second.sessionId).toBe('bob');
    const fromAlice = await first.receiveMessages(10, { maxWaitTimeInMs: 500 });
    const fromBob = await second.receiveMessages(10, { maxWaitTimeInMs: 500 });
    expect(fromAlice.map((m) => m.body)).toEqual(['a0', 'a1', 'a2']);
    expect(fromBob.map((m) => m.body)).toEqual(['b0', 'b1', 'b2']);
    expect(fromBob.every((m) => m.sessionId === 'bob')).toBe(true);
    for (const m of fromAlice) await first.completeMessage(m);
    await first.close();
    await second.close();
    // Bob's uncompleted messages went back when his receiver closed, and no session is left for Alice.
    const again = await client.acceptSession('orders', 'bob');
    expect((await again.receiveMessages(10, { maxWaitTimeInMs: 500 })).map((m) => m.body)).toEqual([
      'b0',
      'b1',
      'b2',
    ]);
    await again.close();
  });

  it('keeps session state and renews the session lock', async () => {
    fixture = await startBroker([sessionQueue('stateful')]);
    const { client } = fixture;
    await client.createSender('stateful').sendMessages({ body: 'step', sessionId: 'wo-1' });
    const session = await client.acceptSession('stateful', 'wo-1');
    expect(await session.getSessionState()).toBeNull();
    await session.setSessionState({ stage: 'booked', attempts: 2 });
    expect(await session.getSessionState()).toEqual({ stage: 'booked', attempts: 2 });
    const before = session.sessionLockedUntilUtc.getTime();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const renewed = await session.renewSessionLock();
    expect(renewed.getTime()).toBeGreaterThan(before);
    await session.close();
    const later = await client.acceptSession('stateful', 'wo-1');
    expect(await later.getSessionState()).toEqual({ stage: 'booked', attempts: 2 });
    await later.close();
  });

  it('refuses what Azure refuses: a second receiver on a locked session, no session id, a plain receiver', async () => {
    fixture = await startBroker([sessionQueue('strict'), testQueue('plain')]);
    const { client } = fixture;
    await client.createSender('strict').sendMessages({ body: 1, sessionId: 's' });
    const holder = await client.acceptSession('strict', 's');
    const second = await client.acceptSession('strict', 's').catch((e: unknown) => e);
    expect(isServiceBusError(second) && second.code).toBe('SessionCannotBeLocked');
    const unsessioned = await client
      .createSender('strict')
      .sendMessages({ body: 'no session' })
      .catch((e: unknown) => e);
    expect(unsessioned).toBeInstanceOf(Error);
    expect((unsessioned as Error).message).toMatch(/SessionId was not set/);
    const plain = await client
      .createReceiver('strict')
      .receiveMessages(1, { maxWaitTimeInMs: 500 })
      .catch((e: unknown) => e);
    expect((plain as Error).message).toMatch(/requires sessions/);
    const wrong = await client.acceptSession('plain', 'x').catch((e: unknown) => e);
    expect((wrong as Error).message).toMatch(/does not require sessions/);
    await holder.close();
  });

  it('loses the session lock when it is not renewed; the messages come back with a higher delivery count', async () => {
    fixture = await startBroker([testQueue('short', { requiresSession: true, lockDuration: 'PT0.3S' })]);
    const { client } = fixture;
    await client.createSender('short').sendMessages({ body: 'slow', sessionId: 'z' });
    const session = await client.acceptSession('short', 'z', { maxAutoLockRenewalDurationInMs: 0 });
    const [message] = await session.receiveMessages(1, { maxWaitTimeInMs: 500 });
    expect(message?.deliveryCount).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const late = await session.completeMessage(message!).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(Error);
    const retry = await client.acceptSession('short', 'z');
    const [again] = await retry.receiveMessages(1, { maxWaitTimeInMs: 500 });
    expect(again?.body).toBe('slow');
    expect(again?.deliveryCount).toBe(1);
    await retry.completeMessage(again!);
    await retry.close();
  });
});
