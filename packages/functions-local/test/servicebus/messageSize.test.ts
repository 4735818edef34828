import { isServiceBusError } from '@azure/service-bus';
import { afterEach, describe, expect, it } from 'vitest';
import { startBroker, testQueue, type BrokerFixture } from './support';

let fixture: BrokerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const kb = 1024;
const text = (bytes: number): string => 'x'.repeat(bytes);

describe('Service Bus broker: the Standard tier’s 256 KB message size', () => {
  it('refuses a 300 KB message at send with the SDK’s MessageSizeExceeded, and keeps nothing', async () => {
    fixture = await startBroker([testQueue('sized')]);
    const { client, broker } = fixture;
    const sender = client.createSender('sized');
    const sent = await sender
      .sendMessages({ body: text(300 * kb), messageId: 'big' })
      .catch((e: unknown) => e);
    expect(isServiceBusError(sent)).toBe(true);
    expect(sent).toMatchObject({ code: 'MessageSizeExceeded' });
    expect((sent as Error).message).toMatch(/exceeds the limit \(262144 bytes\)/);
    expect(broker.stats('sized').active).toBe(0);
    // The link stays usable: a message under the limit goes through afterwards.
    await sender.sendMessages({ body: text(200 * kb), messageId: 'fits' });
    expect(broker.stats('sized').active).toBe(1);
  });

  it('counts headers and properties too: a body just under 256 KB with large properties is refused', async () => {
    fixture = await startBroker([testQueue('sized')]);
    const { client } = fixture;
    const sent = await client
      .createSender('sized')
      .sendMessages({ body: text(250 * kb), applicationProperties: { note: text(10 * kb) } })
      .catch((e: unknown) => e);
    expect(sent).toMatchObject({ code: 'MessageSizeExceeded' });
  });

  it('takes a configured limit (the Premium tier allows up to 100 MB)', async () => {
    fixture = await startBroker([testQueue('premium')], { maxMessageSizeBytes: 1024 * kb });
    const { client, broker } = fixture;
    await client.createSender('premium').sendMessages({ body: text(300 * kb) });
    expect(broker.stats('premium').active).toBe(1);
    const batch = await client.createSender('premium').createMessageBatch();
    expect(batch.maxSizeInBytes).toBe(1024 * kb);
  });
});
