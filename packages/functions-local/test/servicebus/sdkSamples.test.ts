import { ManualClock } from '../../src/clock';
import type { ServiceBusReceivedMessage } from '@azure/service-bus';
import { afterEach, describe, expect, it } from 'vitest';
import type { SubscriptionDefinition, TopicDefinition } from '../../src/servicebus';
import { sleep, startBroker, testQueue, type BrokerFixture } from './support';

/**
 * The scenarios of @azure/service-bus's own samples (sdk/servicebus/service-bus/samples/v7/typescript/src
 * in Azure/azure-sdk-for-js), written again against the embedded broker. The samples create their
 * entities with ServiceBusAdministrationClient (the ATOM management API, which the broker does not
 * serve); here they are declared up front, as an app's manifest declares them.
 */

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
  lockDuration: 'PT30S',
  maxDeliveryCount: 10,
  defaultMessageTimeToLive: 'P14D',
  deadLetteringOnMessageExpiration: false,
  requiresSession: false,
  ...overrides,
});

const topic = (name: string, subscriptions: readonly SubscriptionDefinition[]): TopicDefinition => ({
  name,
  defaultMessageTimeToLive: 'P14D',
  requiresDuplicateDetection: false,
  duplicateDetectionHistoryTimeWindow: 'PT10M',
  subscriptions: Object.fromEntries(subscriptions.map((sub) => [sub.name, sub])),
});

const drain = async (
  fix: BrokerFixture,
  ...entity: [string] | [string, string]
): Promise<ServiceBusReceivedMessage[]> => {
  const receiver =
    entity.length === 1
      ? fix.client.createReceiver(entity[0], { receiveMode: 'receiveAndDelete' })
      : fix.client.createReceiver(entity[0], entity[1], { receiveMode: 'receiveAndDelete' });
  const all: ServiceBusReceivedMessage[] = [];
  for (;;) {
    const batch = await receiver.receiveMessages(20, { maxWaitTimeInMs: 300 });
    if (batch.length === 0) break;
    all.push(...batch);
  }
  await receiver.close();
  return all;
};

describe('Service Bus SDK sample scenarios against the embedded broker', () => {
  it('sendMessages: one message, an array and a batch built with tryAddMessage', async () => {
    fixture = await startBroker([testQueue('samples')]);
    const sender = fixture.client.createSender('samples');
    await sender.sendMessages({ body: 'Albert Einstein' });
    await sender.sendMessages([{ body: 'Werner Heisenberg' }, { body: 'Marie Curie' }]);
    let batch = await sender.createMessageBatch();
    for (const body of ['Steven Hawking', 'Isaac Newton', 'Niels Bohr']) {
      if (!batch.tryAddMessage({ body })) {
        await sender.sendMessages(batch);
        batch = await sender.createMessageBatch();
        expect(batch.tryAddMessage({ body })).toBe(true);
      }
    }
    await sender.sendMessages(batch);
    expect((await drain(fixture, 'samples')).map((m) => m.body)).toEqual([
      'Albert Einstein',
      'Werner Heisenberg',
      'Marie Curie',
      'Steven Hawking',
      'Isaac Newton',
      'Niels Bohr',
    ]);
  });

  it('browseMessages: peeking neither locks nor removes, and continues from a sequence number', async () => {
    fixture = await startBroker([testQueue('browse')]);
    await fixture.client.createSender('browse').sendMessages([1, 2, 3, 4].map((body) => ({ body })));
    const receiver = fixture.client.createReceiver('browse');
    const firstTwo = await receiver.peekMessages(2);
    expect(firstTwo.map((m) => m.body)).toEqual([1, 2]);
    const rest = await receiver.peekMessages(10, { fromSequenceNumber: firstTwo[1]!.sequenceNumber!.add(1) });
    expect(rest.map((m) => m.body)).toEqual([3, 4]);
    expect(fixture.broker.stats('browse')).toMatchObject({ active: 4, locked: 0 });
    await receiver.close();
  });

  it('deferral: recipe steps arrive shuffled, out-of-order ones are deferred and fetched by sequence number', async () => {
    fixture = await startBroker([testQueue('recipes', { lockDuration: 'PT30S' })]);
    const sender = fixture.client.createSender('recipes');
    const steps = [5, 2, 4, 1, 3];
    for (const step of steps)
      await sender.sendMessages({ body: { step }, subject: 'RecipeStep', contentType: 'application/json' });
    const receiver = fixture.client.createReceiver('recipes');
    const deferred = new Map<number, Long>();
    const processed: number[] = [];
    let last = 0;
    const subscription = receiver.subscribe(
      {
        processMessage: async (message) => {
          const { step } = message.body as { step: number };
          if (step === last + 1) {
            last = step;
            processed.push(step);
            await receiver.completeMessage(message);
          } else {
            deferred.set(step, message.sequenceNumber!);
            await receiver.deferMessage(message);
          }
        },
        processError: async () => undefined,
      },
      { autoCompleteMessages: false },
    );
    for (let waited = 0; processed.length + deferred.size < steps.length && waited < 5_000; waited += 20)
      await sleep(20);
    await subscription.close();
    expect(processed).toEqual([1]);
    while (deferred.size > 0) {
      const step = last + 1;
      const [message] = await receiver.receiveDeferredMessages(deferred.get(step)!);
      expect((message?.body as { step: number }).step).toBe(step);
      await receiver.completeMessage(message!);
      deferred.delete(step);
      processed.push(step);
      last = step;
    }
    expect(processed).toEqual([1, 2, 3, 4, 5]);
    expect(fixture.broker.stats('recipes')).toMatchObject({ active: 0, deferred: 0 });
    await receiver.close();
  });

  it('movingMessagesToDLQ and processMessageFromDLQ: dead-letter with a reason, repair and resend', async () => {
    fixture = await startBroker([testQueue('dlq-sample')]);
    const { client } = fixture;
    await client
      .createSender('dlq-sample')
      .sendMessages({ body: { name: 'Creamy Chicken Pasta', type: 'Dinner' } });
    const receiver = client.createReceiver('dlq-sample');
    const [message] = await receiver.receiveMessages(1);
    await receiver.deadLetterMessage(message!, {
      deadLetterReason: 'Incorrect Recipe type',
      deadLetterErrorDescription: 'Recipe type does not match preferences.',
    });
    const dlq = client.createReceiver('dlq-sample', { subQueueType: 'deadLetter' });
    const [dead] = await dlq.receiveMessages(1);
    expect(dead?.deadLetterReason).toBe('Incorrect Recipe type');
    expect(dead?.deadLetterErrorDescription).toBe('Recipe type does not match preferences.');
    expect(dead?.deadLetterSource).toBe('dlq-sample');
    const repaired = { ...(dead!.body as Record<string, unknown>), type: 'Lunch' };
    await client.createSender('dlq-sample').sendMessages({ body: repaired });
    await dlq.completeMessage(dead!);
    const [again] = await receiver.receiveMessages(1);
    expect(again?.body).toEqual({ name: 'Creamy Chicken Pasta', type: 'Lunch' });
    await receiver.completeMessage(again!);
    expect(fixture.broker.stats('dlq-sample')).toMatchObject({ active: 0, deadLetter: 0 });
  });

  it('exceedMaxDeliveryCount: abandoning until the broker dead-letters it', async () => {
    fixture = await startBroker([testQueue('poison', { maxDeliveryCount: 3 })]);
    const { client } = fixture;
    await client.createSender('poison').sendMessages({ body: 'poison' });
    const receiver = client.createReceiver('poison');
    for (let attempt = 0; attempt < 3; attempt++) {
      const [message] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 1_000 });
      expect(message?.deliveryCount).toBe(attempt);
      await receiver.abandonMessage(message!);
    }
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).toEqual([]);
    const [dead] = await client.createReceiver('poison', { subQueueType: 'deadLetter' }).receiveMessages(1);
    expect(dead?.deadLetterReason).toBe('MaxDeliveryCountExceeded');
  });

  it('scheduledMessages: scheduled ones wait for their time; a cancelled one never arrives', async () => {
    // The broker's own clock: on a loaded machine a second of wall time can pass before the receive.
    const clock = new ManualClock(Date.parse('2026-12-02T09:00:00Z'));
    fixture = await startBroker([testQueue('scheduled')], { clock });
    const sender = fixture.client.createSender('scheduled');
    const at = new Date(clock.now() + 60_000);
    const [keep, cancel] = await sender.scheduleMessages([{ body: 'on time' }, { body: 'cancelled' }], at);
    await sender.cancelScheduledMessages(cancel!);
    const receiver = fixture.client.createReceiver('scheduled');
    const peeked = await receiver.peekMessages(5);
    expect(peeked.map((m) => [m.body, m.state])).toEqual([['on time', 'scheduled']]);
    expect(peeked[0]?.sequenceNumber?.toNumber()).toBe(keep?.toNumber());
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).toEqual([]);
    await clock.advance(60_000);
    const [due] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 3_000 });
    expect(due?.body).toBe('on time');
    expect(due!.enqueuedTimeUtc!.getTime()).toBeGreaterThanOrEqual(at.getTime() - 5);
    await receiver.completeMessage(due!);
  });

  it('sessionState: the shopping carts of Alice and Bob, on a queue and on a subscription', async () => {
    fixture = await startBroker([testQueue('carts', { requiresSession: true, lockDuration: 'PT30S' })], {
      topics: [topic('shop', [subscription('carts', { requiresSession: true })])],
    });
    const { client } = fixture;
    for (const where of [['carts'], ['shop', 'carts']] as const) {
      const sender = client.createSender(where[0]);
      const alice = ['Milk', 'Bread', 'Eggs', 'Checkout'];
      const bob = ['Pencil', 'Paper', 'Stapler'];
      for (const item of alice)
        await sender.sendMessages({ sessionId: 'alice', body: item, subject: 'Shopping Step' });
      for (const item of bob)
        await sender.sendMessages({ sessionId: 'bob', body: item, subject: 'Shopping Step' });
      const accept = (session: string) =>
        where.length === 1
          ? client.acceptSession(where[0], session)
          : client.acceptSession(where[0], where[1], session);
      const step = async (session: string) => {
        const receiver = await accept(session);
        const [message] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
        const cart = JSON.parse(((await receiver.getSessionState()) as string | null) ?? '[]') as string[];
        await receiver.setSessionState(
          JSON.stringify(message?.body === 'Checkout' ? [] : [...cart, message?.body]),
        );
        await receiver.completeMessage(message!);
        await receiver.close();
      };
      const cartOf = async (session: string) => {
        const receiver = await accept(session);
        const state = (await receiver.getSessionState()) as string | null;
        await receiver.close();
        return state === null ? null : (JSON.parse(state) as string[]);
      };
      await step('alice');
      await step('alice');
      expect(await cartOf('alice')).toEqual(['Milk', 'Bread']);
      for (let i = 0; i < 2; i++) await step('alice');
      for (let i = 0; i < 3; i++) await step('bob');
      expect(await cartOf('alice')).toEqual([]);
      expect(await cartOf('bob')).toEqual(['Pencil', 'Paper', 'Stapler']);
    }
  });

  it('sessionRoundRobin: acceptNextSession takes each session in turn and keeps its order', async () => {
    fixture = await startBroker([testQueue('rr', { requiresSession: true, lockDuration: 'PT30S' })]);
    const { client } = fixture;
    const sender = client.createSender('rr');
    for (let i = 0; i < 3; i++)
      for (const session of ['s-a', 's-b', 's-c'])
        await sender.sendMessages({ sessionId: session, body: `${session}:${i}` });
    const seen = new Map<string, string[]>();
    for (let round = 0; round < 3; round++) {
      const receiver = await client.acceptNextSession('rr', { maxAutoLockRenewalDurationInMs: 10_000 });
      const got: string[] = [];
      const sub = receiver.subscribe(
        {
          processMessage: async (message) => {
            got.push(String(message.body));
          },
          processError: async () => undefined,
        },
        { autoCompleteMessages: true },
      );
      for (let waited = 0; got.length < 3 && waited < 3_000; waited += 20) await sleep(20);
      await sub.close();
      await receiver.close();
      seen.set(receiver.sessionId, got);
    }
    expect(Object.fromEntries(seen)).toEqual({
      's-a': ['s-a:0', 's-a:1', 's-a:2'],
      's-b': ['s-b:0', 's-b:1', 's-b:2'],
      's-c': ['s-c:0', 's-c:1', 's-c:2'],
    });
    const none = await client
      .acceptNextSession('rr', { maxAutoLockRenewalDurationInMs: 0 })
      .catch((e: unknown) => e);
    expect(none).toBeInstanceOf(Error);
  });

  it('topicSubscriptionWithRuleOperations: no filter, SQL filter, SQL filter with action, correlation filter', async () => {
    fixture = await startBroker([], {
      topics: [
        topic('rule-ops', [
          subscription('NoFilterSubscription', {
            rules: [{ name: '$Default', filterType: 'SqlFilter', sqlFilter: { sqlExpression: '1=1' } }],
          }),
          subscription('RedSqlFilterSubscription', {
            rules: [
              { name: 'RedSqlRule', filterType: 'SqlFilter', sqlFilter: { sqlExpression: "Color = 'Red'" } },
            ],
          }),
          subscription('BlueSqlFilterWithActionSubscription', {
            rules: [
              {
                name: 'BlueSqlRule',
                filterType: 'SqlFilter',
                sqlFilter: { sqlExpression: "Color = 'Blue'" },
                action: { sqlExpression: "SET Color = 'BlueProcessed'" },
              },
            ],
          }),
          subscription('ImportantCorrelationFilterSubscription', {
            rules: [
              {
                name: 'ImportantCorrelationRule',
                filterType: 'CorrelationFilter',
                correlationFilter: { subject: 'Red', correlationId: 'important' },
              },
            ],
          }),
        ]),
      ],
    });
    const messages = ['Red', 'Blue', 'Green'].flatMap((color) => [
      { subject: color, body: `test-${color.toLowerCase()}1` },
      { subject: color, body: `test-${color.toLowerCase()}2`, correlationId: 'notimportant' },
      { subject: color, body: `test-${color.toLowerCase()}3`, correlationId: 'important' },
    ]);
    await fixture.client.createSender('rule-ops').sendMessages(messages);
    expect(
      (await drain(fixture, 'rule-ops', 'ImportantCorrelationFilterSubscription')).map((m) => m.body),
    ).toEqual(['test-red3']);
    expect(await drain(fixture, 'rule-ops', 'NoFilterSubscription')).toHaveLength(9);
    // The sample's messages carry the colour as their subject, not as a `Color` property: the SQL
    // filters, which read user properties, select none of them (a missing property is unknown).
    expect(await drain(fixture, 'rule-ops', 'RedSqlFilterSubscription')).toEqual([]);
    await fixture.client.createSender('rule-ops').sendMessages([
      { body: 'blue', applicationProperties: { Color: 'Blue' } },
      { body: 'red', applicationProperties: { Color: 'Red' } },
    ]);
    const blue = await drain(fixture, 'rule-ops', 'BlueSqlFilterWithActionSubscription');
    expect(blue.map((m) => [m.body, m.applicationProperties?.['Color']])).toEqual([
      ['blue', 'BlueProcessed'],
    ]);
    expect((await drain(fixture, 'rule-ops', 'RedSqlFilterSubscription')).map((m) => m.body)).toEqual([
      'red',
    ]);
  });

  it('ruleManager: list the $Default rule, create SQL and correlation rules, page through them, delete them', async () => {
    fixture = await startBroker([], {
      topics: [topic('rulemanager', [subscription('subscription-rule-manager')])],
    });
    const rules = fixture.client.createRuleManager('rulemanager', 'subscription-rule-manager');
    const names = async () => {
      const found: string[] = [];
      for await (const rule of rules.listRules()) found.push(rule.name);
      return found;
    };
    expect(await names()).toEqual(['$Default']);
    await rules.createRule('sqlRule', { sqlExpression: 'price > 10' });
    const applicationProperties = {
      key1: 'value1',
      key2: 2,
      key3: true,
      key4: new Date('2000-01-01T00:00:00Z'),
    };
    await rules.createRule('correlationRule', {
      correlationId: 'correlationId',
      subject: 'label',
      messageId: 'messageId',
      applicationProperties,
      replyTo: 'replyTo',
      replyToSessionId: 'replyToSessionId',
      sessionId: 'sessionId',
      to: 'to',
    });
    const listed = [];
    for await (const rule of rules.listRules()) listed.push(rule);
    expect(listed.map((r) => r.name)).toEqual(['$Default', 'sqlRule', 'correlationRule']);
    expect(listed[2]?.filter).toEqual({
      correlationId: 'correlationId',
      messageId: 'messageId',
      to: 'to',
      replyTo: 'replyTo',
      subject: 'label',
      sessionId: 'sessionId',
      replyToSessionId: 'replyToSessionId',
      // An absent field travels as AMQP null, which the SDK hands back as null.
      contentType: null,
      applicationProperties,
    });
    const pages: string[][] = [];
    for await (const page of rules.listRules().byPage({ maxPageSize: 2 }))
      pages.push(page.map((r) => r.name));
    expect(pages).toEqual([['$Default', 'sqlRule'], ['correlationRule']]);
    await rules.deleteRule('sqlRule');
    await rules.deleteRule('correlationRule');
    expect(await names()).toEqual(['$Default']);
  });

  it('duplicate detection: a message id seen within the window is dropped at send', async () => {
    fixture = await startBroker([testQueue('dedupe')]);
    const sender = fixture.client.createSender('dedupe');
    await sender.sendMessages({ body: 'first', messageId: 'order-42' });
    await sender.sendMessages({ body: 'retry of first', messageId: 'order-42' });
    await sender.sendMessages({ body: 'other', messageId: 'order-43' });
    expect((await drain(fixture, 'dedupe')).map((m) => m.body)).toEqual(['first', 'other']);
  });

  it('receiveMessagesStreaming with lock renewal: a handler longer than the lock still completes', async () => {
    fixture = await startBroker([testQueue('slow', { lockDuration: 'PT1S' })]);
    await fixture.client.createSender('slow').sendMessages({ body: 'takes a while' });
    const receiver = fixture.client.createReceiver('slow', { maxAutoLockRenewalDurationInMs: 10_000 });
    const outcome: { deliveryCount?: number; error?: unknown } = {};
    const sub = receiver.subscribe(
      {
        processMessage: async (message) => {
          await sleep(2_500);
          await receiver.completeMessage(message);
          outcome.deliveryCount = message.deliveryCount ?? -1;
        },
        processError: async (args) => {
          outcome.error = args.error;
        },
      },
      { autoCompleteMessages: false },
    );
    for (let waited = 0; outcome.deliveryCount === undefined && waited < 6_000; waited += 50) await sleep(50);
    await sub.close();
    expect(outcome).toEqual({ deliveryCount: 0 });
    expect(fixture.broker.stats('slow')).toMatchObject({ active: 0 });
    // Without renewal the same handler loses its lock: completing then fails.
    await fixture.client.createSender('slow').sendMessages({ body: 'too slow' });
    const unrenewed = fixture.client.createReceiver('slow', { maxAutoLockRenewalDurationInMs: 0 });
    const [message] = await unrenewed.receiveMessages(1);
    await sleep(1_300);
    await expect(unrenewed.completeMessage(message!)).rejects.toThrow();
  });
});
