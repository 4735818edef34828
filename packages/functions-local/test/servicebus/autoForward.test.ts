import { afterEach, describe, expect, it } from 'vitest';
import { startBroker, testQueue, type BrokerFixture } from './support';

let fixture: BrokerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('Service Bus broker: auto-forwarding', () => {
  it('moves every message sent to a forwarding queue on to its destination, through a chain', async () => {
    fixture = await startBroker([
      testQueue('front', { forwardTo: 'middle' }),
      testQueue('middle', { forwardTo: 'back' }),
      testQueue('back'),
    ]);
    const { client, broker } = fixture;
    await client.createSender('front').sendMessages([{ body: 1 }, { body: 2 }]);
    expect(broker.stats('front').active).toBe(0);
    expect(broker.stats('middle').active).toBe(0);
    expect(broker.stats('back').active).toBe(2);
    const received = await client
      .createReceiver('back', { receiveMode: 'receiveAndDelete' })
      .receiveMessages(2, { maxWaitTimeInMs: 1_000 });
    expect(received.map((m) => m.body)).toEqual([1, 2]);
  });

  it('refuses a destination that does not exist, a loop, and more than four hops', async () => {
    await expect(startBroker([testQueue('a', { forwardTo: 'nowhere' })])).rejects.toThrow(/not defined/);
    await expect(
      startBroker([testQueue('a', { forwardTo: 'b' }), testQueue('b', { forwardTo: 'a' })]),
    ).rejects.toThrow(/loop/);
    const chain = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6'].map((name, i, all) =>
      testQueue(name, i + 1 < all.length ? { forwardTo: all[i + 1] ?? '' } : {}),
    );
    await expect(startBroker(chain)).rejects.toThrow(/four hops/);
  });
});
