import { isServiceBusError } from '@azure/service-bus';
import { afterEach, describe, expect, it } from 'vitest';
import type { SubscriptionDefinition, TopicDefinition } from '../../src/servicebus';
import { startBroker, testQueue, type BrokerFixture } from './support';

let fixture: BrokerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const subscription = (
  name: string,
  overrides: Partial<SubscriptionDefinition> = {},
): SubscriptionDefinition => ({
  name,
  lockDuration: 'PT1S',
  maxDeliveryCount: 3,
  defaultMessageTimeToLive: 'P14D',
  deadLetteringOnMessageExpiration: true,
  requiresSession: false,
  ...overrides,
});

const topic = (name: string, subscriptions: readonly SubscriptionDefinition[]): TopicDefinition => ({
  name,
  defaultMessageTimeToLive: 'P14D',
  requiresDuplicateDetection: true,
  duplicateDetectionHistoryTimeWindow: 'PT10M',
  subscriptions: Object.fromEntries(subscriptions.map((sub) => [sub.name, sub])),
});

const listRules = async (fix: BrokerFixture, topicName: string, sub: string) => {
  const rules = [];
  for await (const rule of fix.client.createRuleManager(topicName, sub).listRules()) rules.push(rule);
  return rules;
};

const bodies = async (fix: BrokerFixture, topicName: string, sub: string, count = 10): Promise<unknown[]> => {
  const receiver = fix.client.createReceiver(topicName, sub, { receiveMode: 'receiveAndDelete' });
  const messages = await receiver.receiveMessages(count, { maxWaitTimeInMs: 300 });
  await receiver.close();
  return messages.map((m) => m.body);
};

describe('Service Bus broker: topics and subscriptions', () => {
  it('copies every message to each subscription through the $Default rule, and a topic cannot be received from', async () => {
    fixture = await startBroker([], { topics: [topic('news', [subscription('a'), subscription('b')])] });
    await fixture.client.createSender('news').sendMessages([{ body: 1 }, { body: 2 }]);
    expect(await bodies(fixture, 'news', 'a')).toEqual([1, 2]);
    expect(await bodies(fixture, 'news', 'b')).toEqual([1, 2]);
    const fromTopic = await fixture.client
      .createReceiver('news')
      .receiveMessages(1, { maxWaitTimeInMs: 300 })
      .catch((e: unknown) => e);
    expect((fromTopic as Error).message).toMatch(/cannot be received from a topic/);
    const rules = await listRules(fixture, 'news', 'a');
    expect(rules).toEqual([{ name: '$Default', filter: { sqlExpression: '1=1' }, action: {} }]);
  });

  it('routes by SQL filters over user and system properties, with three-valued logic for missing properties', async () => {
    const rules = (name: string, sqlExpression: string): SubscriptionDefinition =>
      subscription(name, {
        rules: [{ name: 'only', filterType: 'SqlFilter', sqlFilter: { sqlExpression } }],
      });
    fixture = await startBroker([], {
      topics: [
        topic('orders', [
          rules('blue10', "color = 'blue' AND quantity = 10"),
          rules('labelled', "sys.Label LIKE '%bus%' OR user.tag IN ('queue', 'topic')"),
          rules('notRed', "color <> 'red'"),
          rules('noColor', 'color IS NULL AND NOT EXISTS(priority)'),
          rules('arith', "quantity * 2 + 1 > 20 AND sys.To NOT IN ('x')"),
          rules('escaped', "sku LIKE 'A\\%%' ESCAPE '\\'"),
        ]),
      ],
    });
    const sender = fixture.client.createSender('orders');
    await sender.sendMessages([
      { body: 'blue-10', applicationProperties: { color: 'blue', quantity: 10 }, to: 'y' },
      { body: 'blue-3', applicationProperties: { color: 'blue', quantity: 3 } },
      { body: 'bus', subject: 'servicebus', applicationProperties: { color: 'red' } },
      { body: 'tagged', applicationProperties: { tag: 'topic', priority: 1 } },
      { body: 'plain' },
      { body: 'sku', applicationProperties: { sku: 'A%1' } },
      { body: 'sku-no', applicationProperties: { sku: 'AB1' } },
    ]);
    expect(await bodies(fixture, 'orders', 'blue10')).toEqual(['blue-10']);
    expect(await bodies(fixture, 'orders', 'labelled')).toEqual(['bus', 'tagged']);
    // A message without `color` is neither = nor <> 'red': unknown selects nothing.
    expect(await bodies(fixture, 'orders', 'notRed')).toEqual(['blue-10', 'blue-3']);
    expect(await bodies(fixture, 'orders', 'noColor')).toEqual(['plain', 'sku', 'sku-no']);
    // NOT IN over sys.To, which only the first message has: null makes the others unknown.
    expect(await bodies(fixture, 'orders', 'arith')).toEqual(['blue-10']);
    expect(await bodies(fixture, 'orders', 'escaped')).toEqual(['sku']);
  });

  it('correlation filters, rule actions with one copy per action rule, and the rule manager', async () => {
    fixture = await startBroker([], { topics: [topic('events', [subscription('audit', { rules: [] })])] });
    const rules = fixture.client.createRuleManager('events', 'audit');
    await rules.createRule('high', { correlationId: 'high', applicationProperties: { region: 'eu' } });
    await rules.createRule(
      'red',
      { sqlExpression: "color = 'red'" },
      { sqlExpression: "SET quantity = quantity / 2; REMOVE color; SET sys.Label = 'halved'" },
    );
    const duplicate = await rules.createRule('high', { sqlExpression: '1=1' }).catch((e: unknown) => e);
    expect(isServiceBusError(duplicate) && duplicate.code).toBe('MessagingEntityAlreadyExists');
    const bad = await rules.createRule('broken', { sqlExpression: 'color = ' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(Error);
    const listed = await listRules(fixture, 'events', 'audit');
    expect(listed.map((r) => r.name)).toEqual(['high', 'red']);
    expect(listed[0]?.filter).toMatchObject({
      correlationId: 'high',
      applicationProperties: { region: 'eu' },
    });
    expect(listed[1]?.action).toEqual({
      sqlExpression: "SET quantity = quantity / 2; REMOVE color; SET sys.Label = 'halved'",
    });

    await fixture.client.createSender('events').sendMessages([
      {
        body: 'both',
        correlationId: 'high',
        applicationProperties: { region: 'eu', color: 'red', quantity: 9 },
      },
      { body: 'wrong-region', correlationId: 'high', applicationProperties: { region: 'us' } },
      { body: 'case', correlationId: 'HIGH', applicationProperties: { region: 'eu' } },
    ]);
    const receiver = fixture.client.createReceiver('events', 'audit', { receiveMode: 'receiveAndDelete' });
    const received = await receiver.receiveMessages(10, { maxWaitTimeInMs: 300 });
    expect(received.map((m) => m.body)).toEqual(['both', 'both']);
    const [plain, acted] = received;
    expect(plain?.applicationProperties).toEqual({ region: 'eu', color: 'red', quantity: 9 });
    expect(acted?.applicationProperties).toEqual({ region: 'eu', quantity: 4, RuleName: 'red' });
    expect(acted?.subject).toBe('halved');
    await receiver.close();

    await rules.deleteRule('high');
    await rules.deleteRule('red');
    const missing = await rules.deleteRule('red').catch((e: unknown) => e);
    expect(isServiceBusError(missing) && missing.code).toBe('MessagingEntityNotFound');
    await fixture.client.createSender('events').sendMessages({ body: 'none', correlationId: 'high' });
    expect(await bodies(fixture, 'events', 'audit')).toEqual([]);
  });

  it('dead-letters a message whose filter cannot be evaluated; duplicates are dropped at the topic', async () => {
    fixture = await startBroker([], {
      topics: [
        topic('typed', [
          subscription('strict', {
            rules: [{ name: 'n', filterType: 'SqlFilter', sqlFilter: { sqlExpression: 'quantity > 5' } }],
          }),
        ]),
      ],
    });
    const sender = fixture.client.createSender('typed');
    await sender.sendMessages({ body: 'text', messageId: 'm1', applicationProperties: { quantity: 'lots' } });
    await sender.sendMessages({ body: 'again', messageId: 'm1', applicationProperties: { quantity: 9 } });
    await sender.sendMessages({ body: 'nine', messageId: 'm2', applicationProperties: { quantity: 9 } });
    expect(await bodies(fixture, 'typed', 'strict')).toEqual(['nine']);
    const dlq = fixture.client.createReceiver('typed', 'strict', { subQueueType: 'deadLetter' });
    const [dead] = await dlq.receiveMessages(1, { maxWaitTimeInMs: 300 });
    expect(dead?.body).toBe('text');
    expect(dead?.deadLetterReason).toBe('FilterEvaluationException');
    await dlq.completeMessage(dead!);
  });

  it('peek-lock, defer, schedule, dead-letter and sessions work on subscriptions as on queues', async () => {
    fixture = await startBroker([testQueue('collected')], {
      topics: [
        topic('work', [
          subscription('jobs'),
          subscription('bySession', { requiresSession: true }),
          subscription('forward', { forwardTo: 'collected' }),
        ]),
      ],
    });
    const { client, broker } = fixture;
    const sender = client.createSender('work');
    await sender.sendMessages([
      { body: 'first', sessionId: 's1' },
      { body: 'second', sessionId: 's1' },
    ]);
    const [scheduled] = await sender.scheduleMessages(
      { body: 'later', sessionId: 's2' },
      new Date(Date.now() + 1_500),
    );
    expect(typeof scheduled).not.toBe('undefined');
    const noSession = await sender.sendMessages({ body: 'x' }).catch((e: unknown) => e);
    expect((noSession as Error).message).toMatch(/SessionId was not set/);

    const receiver = client.createReceiver('work', 'jobs');
    const [one, two] = await receiver.receiveMessages(2, { maxWaitTimeInMs: 300 });
    await receiver.deferMessage(one!);
    await receiver.deadLetterMessage(two!, { deadLetterReason: 'bad', deadLetterErrorDescription: 'no' });
    expect(broker.stats('work/Subscriptions/jobs')).toMatchObject({ deferred: 1, deadLetter: 1 });
    const [deferred] = await receiver.receiveDeferredMessages(one!.sequenceNumber!);
    expect(deferred?.body).toBe('first');
    await receiver.completeMessage(deferred!);

    const session = await client.acceptSession('work', 'bySession', 's1');
    const inOrder = await session.receiveMessages(5, { maxWaitTimeInMs: 300 });
    expect(inOrder.map((m) => m.body)).toEqual(['first', 'second']);
    await session.setSessionState('done');
    for (const m of inOrder) await session.completeMessage(m);
    await session.close();

    const forwarded = client.createReceiver('collected', { receiveMode: 'receiveAndDelete' });
    expect((await forwarded.receiveMessages(5, { maxWaitTimeInMs: 300 })).map((m) => m.body)).toEqual([
      'first',
      'second',
    ]);
    expect(broker.stats('work/Subscriptions/jobs').active).toBe(0);
    const [later] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 3_000 });
    expect(later?.body).toBe('later');
    await receiver.completeMessage(later!);
    expect((await forwarded.receiveMessages(5, { maxWaitTimeInMs: 300 })).map((m) => m.body)).toEqual([
      'later',
    ]);
    const cannotSend = await client
      .createSender('work/Subscriptions/jobs')
      .sendMessages({ body: 1 })
      .catch((e: unknown) => e);
    expect(cannotSend).toBeInstanceOf(Error);
  });

  it('refuses a manifest rule Service Bus would refuse', async () => {
    await expect(
      startBroker([], {
        topics: [
          topic('t', [
            subscription('s', {
              rules: [
                { name: 'r', filterType: 'SqlFilter', sqlFilter: { sqlExpression: 'sys.NoSuchThing = 1' } },
              ],
            }),
          ]),
        ],
      }),
    ).rejects.toThrow(/not a system property/);
  });
});
