import type { ServiceBusSender } from '@azure/service-bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactIndexIdFor } from '../../shared/customers/contactIndex';
import { listDeadLetters, resubmitDeadLetters } from '../../scripts/utility/deadLetters';
import { journeyInstanceId } from '../../orchestrations/journey/contract';
import { queueName } from '../../shared/resources';
import { workOrderIdFor } from '../../shared/workorders/workOrderId';
import { eventually, UtilityInbox } from '../support/outboundQueue';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { amendMessage, cancelMessage, createMessage } from './support/messages';

describe('intake end to end: Service Bus SDK → local broker → trigger → Cosmos → journey → outbound', () => {
  let rt: TestRuntime;
  let sender: ServiceBusSender;
  let inbox: UtilityInbox;

  beforeAll(async () => {
    rt = await startTestRuntime({ app: () => import('../../functions') });
    sender = rt.serviceBusClient().createSender(queueName('workOrdersInbound'));
    inbox = new UtilityInbox(rt.serviceBusClient());
  }, 60_000);

  afterAll(async () => {
    await inbox?.close();
    await sender?.close();
    await rt?.stop();
  });

  const workOrder = async (id: string) =>
    (await rt.cosmos!.container('workOrders').item(id, id).read()).resource as
      Record<string, unknown> | undefined;

  it('imports a valid create, starts its journey and answers accepted', async () => {
    const externalId = 'E2E-1';
    await sender.sendMessages({
      body: createMessage({ externalId }),
      messageId: 'in-1',
      contentType: 'application/json',
    });
    const id = workOrderIdFor('ORES', externalId);
    const [answer] = await eventually(async () =>
      inbox.answersTo('in-1').length > 0 ? inbox.answersTo('in-1') : undefined,
    );
    expect(answer?.body).toMatchObject({ kind: 'accepted', workOrderId: id, revision: 1 });
    expect(answer?.applicationProperties).toMatchObject({ kind: 'accepted', utilityCode: 'ORES' });
    expect(await workOrder(id)).toMatchObject({ id, revision: 1, correlationId: 'in-1' });
    const journey = await eventually(async () => rt.durable?.getStatus(journeyInstanceId(id), {}));
    expect(journey).toMatchObject({ name: 'customerJourney' });
  }, 60_000);

  it('rejects invalid input with field paths and completes the message', async () => {
    await sender.sendMessages({
      body: createMessage({ externalId: 'E2E-BAD', priority: 'whenever' }),
      messageId: 'in-bad',
    });
    await sender.sendMessages({ body: '{ not json', messageId: 'in-garbled' });
    const [bad] = await eventually(async () =>
      inbox.answersTo('in-bad').length ? inbox.answersTo('in-bad') : undefined,
    );
    const [garbled] = await eventually(async () =>
      inbox.answersTo('in-garbled').length ? inbox.answersTo('in-garbled') : undefined,
    );
    expect(bad?.body).toMatchObject({
      kind: 'rejected',
      externalId: 'E2E-BAD',
      issues: [{ path: 'priority' }],
    });
    expect(garbled?.body).toMatchObject({ kind: 'rejected', issues: [{ path: '' }] });
    expect(await workOrder(workOrderIdFor('ORES', 'E2E-BAD'))).toBeUndefined();
  }, 60_000);

  it('gives a duplicate one work order and one accepted, and a stale amendment changes nothing', async () => {
    const externalId = 'E2E-DUP';
    const id = workOrderIdFor('ORES', externalId);
    await sender.sendMessages({ body: createMessage({ externalId }), messageId: 'dup-a' });
    await eventually(async () => (inbox.answersTo('dup-a').length ? true : undefined));
    await sender.sendMessages({ body: createMessage({ externalId }), messageId: 'dup-b' });
    await sender.sendMessages({
      body: amendMessage(3, { externalId, priority: 'low' }),
      messageId: 'amend-3',
    });
    await eventually(async () => (inbox.answersTo('amend-3').length ? true : undefined));
    await sender.sendMessages({
      body: amendMessage(2, { externalId, priority: 'emergency' }),
      messageId: 'amend-2',
    });
    await eventually(async () =>
      inbox.answersTo('amend-2').length && inbox.answersTo('dup-b').length ? true : undefined,
    );

    expect(inbox.answersTo('dup-a').map((m) => m.body.kind)).toEqual(['accepted']);
    expect(inbox.answersTo('dup-b').map((m) => m.body.kind)).toEqual(['stale']);
    expect(inbox.answersTo('amend-3').map((m) => m.body.kind)).toEqual(['accepted']);
    expect(inbox.answersTo('amend-2')[0]?.body).toMatchObject({
      kind: 'stale',
      receivedRevision: 2,
      currentRevision: 3,
    });
    expect(await workOrder(id)).toMatchObject({ revision: 3, priority: 'low' });
  }, 60_000);

  it('imports an amendment that overtakes its create and answers the late create stale', async () => {
    const externalId = 'E2E-OOO';
    await sender.sendMessages({
      body: amendMessage(2, { externalId, notes: 'gate code 1234' }),
      messageId: 'ooo-amend',
    });
    await eventually(async () => (inbox.answersTo('ooo-amend').length ? true : undefined));
    await sender.sendMessages({ body: createMessage({ externalId }), messageId: 'ooo-create' });
    await eventually(async () => (inbox.answersTo('ooo-create').length ? true : undefined));
    expect(inbox.answersTo('ooo-amend')[0]?.body.kind).toBe('accepted');
    expect(inbox.answersTo('ooo-create')[0]?.body.kind).toBe('stale');
    expect(await workOrder(workOrderIdFor('ORES', externalId))).toMatchObject({
      revision: 2,
      notes: 'gate code 1234',
    });
  }, 60_000);

  it('cancels a running work order: acknowledged, cancelled in Cosmos, journey ended', async () => {
    const externalId = 'E2E-CANCEL';
    const id = workOrderIdFor('ORES', externalId);
    await sender.sendMessages({ body: createMessage({ externalId }), messageId: 'c-create' });
    await eventually(async () => (inbox.answersTo('c-create').length ? true : undefined));
    await eventually(async () => rt.durable?.getStatus(journeyInstanceId(id), {}));
    await sender.sendMessages({
      body: { ...cancelMessage(2, 'duplicate order'), externalId },
      messageId: 'c-cancel',
    });
    const [answer] = await eventually(async () =>
      inbox.answersTo('c-cancel').length ? inbox.answersTo('c-cancel') : undefined,
    );
    expect(answer?.body).toMatchObject({
      kind: 'cancelled',
      cancelledBy: 'utility',
      reason: 'duplicate order',
    });
    expect(await workOrder(id)).toMatchObject({ state: { status: 'Cancelled', by: 'utility' } });
    // Cancelled at once; in quiet hours (this test runs on the wall clock) the journey ends only
    // once the customer's cancellation message has gone out in the morning.
    const ended = await eventually(async () => {
      const status = await rt.durable?.getStatus(journeyInstanceId(id), {});
      const stage = (status?.customStatus as { stage?: string } | undefined)?.stage;
      return status?.runtimeStatus === 'Completed' || stage === 'cancelled' ? status : undefined;
    });
    expect(['Completed', 'Running']).toContain(ended.runtimeStatus);
  }, 60_000);

  it('dead-letters a message that keeps failing, with the reason, and imports it once resubmitted after the fix', async () => {
    const externalId = 'E2E-POISON';
    const phone = '+32470999888';
    const id = workOrderIdFor('ORES', externalId);
    // A corrupt index document makes every attempt fail after the customer is written and before
    // the work order is: a crash between writes, repeated until the queue gives up.
    const corrupt = contactIndexIdFor('sms', phone);
    await rt
      .cosmos!.container('customers')
      .items.create({ id: corrupt, docType: 'contactIndex', channel: 'sms' });
    await sender.sendMessages({
      body: createMessage({ externalId, customer: { name: 'Ann', phone, language: 'nl' } }),
      messageId: 'poison-1',
    });
    const [dead] = await eventually(async () => {
      const letters = await listDeadLetters(rt.serviceBusClient(), queueName('workOrdersInbound'));
      return letters.length > 0 ? letters : undefined;
    }, 60_000);
    expect(dead?.messageId).toBe('poison-1');
    expect(dead?.deadLetterReason).toBe('MaxDeliveryCountExceeded');
    expect(dead?.deliveryCount).toBeGreaterThanOrEqual(5);
    expect(await workOrder(id)).toBeUndefined();
    expect(inbox.answersTo('poison-1')).toEqual([]);

    await rt.cosmos!.container('customers').item(corrupt, corrupt).delete();
    const resubmitted = await resubmitDeadLetters(rt.serviceBusClient(), queueName('workOrdersInbound'));
    expect(resubmitted.map((message) => message.messageId)).toEqual(['poison-1']);
    const [answer] = await eventually(async () =>
      inbox.answersTo('poison-1').length ? inbox.answersTo('poison-1') : undefined,
    );
    expect(answer?.body).toMatchObject({ kind: 'accepted', workOrderId: id });
    expect(await workOrder(id)).toMatchObject({ correlationId: 'poison-1' });
    expect(await listDeadLetters(rt.serviceBusClient(), queueName('workOrdersInbound'))).toEqual([]);
  }, 90_000);
});
