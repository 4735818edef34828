import { SmsClient } from '@azure/communication-sms';
import { CosmosClient } from '@azure/cosmos';
import { ServiceBusClient } from '@azure/service-bus';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedCosmos } from '../../src/cosmos';
import { startOutbox } from '../../src/outbox';
import {
  openFileBrokerJournal,
  startServiceBusBroker,
  type ServiceBusBroker,
  type TopicDefinition,
} from '../../src/servicebus';
import { testQueue } from '../servicebus/support';

/** What `.local/state/` keeps for each part, checked across a stop and a start on the same files. */

const directories: string[] = [];
const tempDirectory = (): string => {
  const directory = mkdtempSync(join(tmpdir(), 'state-'));
  directories.push(directory);
  return directory;
};
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

const lines = (file: string): number => readFileSync(file, 'utf8').split('\n').filter(Boolean).length;

describe('state kept across restarts', () => {
  it('Cosmos: the write journal is compacted at start, so it grows with the data and not with every write', async () => {
    const directory = tempDirectory();
    const journalFile = join(directory, 'cosmos.jsonl');
    const containers = [{ name: 'orders', partitionKeyPath: '/id' }];
    const open = async () => {
      const cosmos = await startEmbeddedCosmos({ journalFile, databaseName: 'app', containers });
      const client = new CosmosClient({
        endpoint: cosmos.endpoint,
        key: cosmos.key,
        agent: new Agent({ ca: readFileSync(cosmos.caCertificatePath) }),
      });
      return { cosmos, client, container: client.database('app').container('orders') };
    };
    const first = await open();
    for (let version = 1; version <= 40; version++)
      await first.container.items.upsert({ id: 'wo-1', version, note: `step ${version}` });
    await first.container.items.create({ id: 'wo-2', version: 1 });
    await first.container.items.create({ id: 'wo-3', version: 1 });
    await first.container.item('wo-3', 'wo-3').delete();
    first.client.dispose();
    await first.cosmos.stop();
    expect(lines(journalFile)).toBeGreaterThan(40);

    const second = await open();
    // One database, one container and two documents remain to be written again.
    expect(lines(journalFile)).toBe(4);
    const { resources } = await second.container.items
      .query('SELECT c.id, c.version FROM c ORDER BY c.id')
      .fetchAll();
    expect(resources).toEqual([
      { id: 'wo-1', version: 40 },
      { id: 'wo-2', version: 1 },
    ]);
    await second.container.items.upsert({ id: 'wo-2', version: 2 });
    second.client.dispose();
    await second.cosmos.stop();

    const third = await open();
    const { resource } = await third.container.item('wo-2', 'wo-2').read<{ version: number }>();
    expect(resource?.version).toBe(2);
    expect((await third.container.item('wo-1', 'wo-1').read<{ note: string }>()).resource?.note).toBe(
      'step 40',
    );
    third.client.dispose();
    await third.cosmos.stop();
  });

  it('Outbox: recorded email/SMS are on disk before the send is acknowledged and back after a restart', async () => {
    const journalFile = join(tempDirectory(), 'outbox.jsonl');
    const first = await startOutbox({ journalFile });
    const sms = new SmsClient(first.connectionString, { allowInsecureConnection: true });
    const [sent] = await sms.send({
      from: '+3220000000',
      to: ['+32470000001'],
      message: 'Your visit: https://x.test/v/1',
    });
    expect(sent?.successful).toBe(true);
    await first.stop();

    const second = await startOutbox({ journalFile });
    expect(second.messages()).toMatchObject([
      {
        channel: 'sms',
        to: ['+32470000001'],
        text: 'Your visit: https://x.test/v/1',
        links: ['https://x.test/v/1'],
      },
    ]);
    second.clear();
    await second.stop();
    const third = await startOutbox({ journalFile });
    expect(third.messages()).toEqual([]);
    await third.stop();
  });

  it('Service Bus: topic subscriptions, session state, changed rules and scheduled topic messages survive', async () => {
    const file = join(tempDirectory(), 'servicebus.jsonl');
    const topics: TopicDefinition[] = [
      {
        name: 'events',
        defaultMessageTimeToLive: 'P14D',
        requiresDuplicateDetection: true,
        duplicateDetectionHistoryTimeWindow: 'PT10M',
        subscriptions: {
          all: {
            name: 'all',
            lockDuration: 'PT30S',
            maxDeliveryCount: 5,
            defaultMessageTimeToLive: 'P14D',
            deadLetteringOnMessageExpiration: true,
            requiresSession: true,
          },
          filtered: {
            name: 'filtered',
            lockDuration: 'PT30S',
            maxDeliveryCount: 5,
            defaultMessageTimeToLive: 'P14D',
            deadLetteringOnMessageExpiration: true,
            requiresSession: false,
          },
        },
      },
    ];
    const queues = [testQueue('sessions', { requiresSession: true, lockDuration: 'PT30S' })];
    const open = async (): Promise<{ broker: ServiceBusBroker; client: ServiceBusClient }> => {
      const broker = await startServiceBusBroker({ queues, topics, journal: openFileBrokerJournal(file) });
      return { broker, client: new ServiceBusClient(broker.connectionString) };
    };
    const first = await open();
    const rules = first.client.createRuleManager('events', 'filtered');
    await rules.deleteRule('$Default');
    await rules.createRule('urgent', { sqlExpression: "priority = 'high'" });
    const sender = first.client.createSender('events');
    await sender.sendMessages([
      { body: 'a1', sessionId: 'a', messageId: 'm1', applicationProperties: { priority: 'high' } },
      { body: 'a2', sessionId: 'a', messageId: 'm2', applicationProperties: { priority: 'low' } },
    ]);
    await sender.scheduleMessages(
      { body: 'later', sessionId: 'a', messageId: 'm3' },
      new Date(Date.now() + 1_500),
    );
    // A named session can be accepted before it has any message, as in Service Bus.
    const queueSession = await first.client.acceptSession('sessions', 'cart-1');
    await queueSession.setSessionState('milk,bread');
    await queueSession.close();
    const sequence = (await first.client.createReceiver('events', 'filtered').peekMessages(5)).map((m) =>
      m.sequenceNumber?.toNumber(),
    );
    await first.client.close();
    await first.broker.close();

    const second = await open();
    // Duplicate detection at the topic remembers what the first run saw.
    await second.client
      .createSender('events')
      .sendMessages({ body: 'a1 again', sessionId: 'a', messageId: 'm1' });
    const filtered = second.client.createReceiver('events', 'filtered');
    const peeked = await filtered.peekMessages(5);
    expect(peeked.map((m) => [m.body, m.sequenceNumber?.toNumber()])).toEqual([['a1', sequence[0]]]);
    const listed: string[] = [];
    for await (const rule of second.client.createRuleManager('events', 'filtered').listRules())
      listed.push(rule.name);
    expect(listed).toEqual(['urgent']);
    const session = await second.client.acceptSession('events', 'all', 'a');
    const first2 = await session.receiveMessages(2, { maxWaitTimeInMs: 500 });
    expect(first2.map((m) => m.body)).toEqual(['a1', 'a2']);
    for (const m of first2) await session.completeMessage(m);
    const [later] = await session.receiveMessages(1, { maxWaitTimeInMs: 3_000 });
    expect(later?.body).toBe('later');
    await session.completeMessage(later!);
    await session.close();
    const kept = await second.client.acceptSession('sessions', 'cart-1');
    expect(await kept.getSessionState()).toBe('milk,bread');
    await kept.close();
    await second.client.close();
    await second.broker.close();
  });
});
