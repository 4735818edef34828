import { describe, expect, it } from 'vitest';
import { processInbound } from '../../shared/intake/processInbound';
import { workOrderIdFor } from '../../shared/workorders/workOrderId';
import { InjectedCrash, MemoryIntake, type Step } from './support/memoryIntake';
import { amendMessage, cancelMessage, createMessage, delivery } from './support/messages';

const workOrderId = workOrderIdFor('ORES', 'ORES-88412');

describe('intake: create', () => {
  it('imports the work order, its customer and an event, starts one journey and answers accepted', async () => {
    const intake = new MemoryIntake();
    const d = delivery(createMessage());
    const result = await processInbound(d, intake.deps());

    expect(result).toEqual({ outcome: 'imported', workOrderId, answered: 'accepted' });
    const stored = intake.workOrders.get(workOrderId)?.value;
    expect(stored).toMatchObject({ revision: 1, correlationId: d.messageId, state: { status: 'Received' } });
    expect(intake.customers.get(stored?.customerId ?? '')).toMatchObject({
      language: 'fr',
      smsOptedOut: false,
    });
    expect([...intake.events.values()].map((event) => event.type)).toEqual(['workOrder.received']);
    expect(intake.journeys.get(workOrderId)).toEqual({ correlationId: d.messageId, cancelled: 0 });
    expect(intake.sent).toHaveLength(1);
    expect(intake.sent[0]).toMatchObject({
      correlationId: d.messageId,
      applicationProperties: { kind: 'accepted', utilityCode: 'ORES' },
      body: { kind: 'accepted', workOrderId, revision: 1, externalId: 'ORES-88412' },
    });
  });

  it('makes a customer with a phone findable by it, for SMS replies', async () => {
    const intake = new MemoryIntake();
    await processInbound(
      delivery(createMessage({ customer: { name: 'Sam', phone: '+32470000002', language: 'nl' } })),
      intake.deps(),
    );
    const customerId = intake.workOrders.get(workOrderId)?.value.customerId;
    expect(intake.contactIndex.get('sms:+32470000002')).toEqual(new Set([customerId]));
  });

  it('reads a JSON body that arrives as text or bytes', async () => {
    const intake = new MemoryIntake();
    await processInbound(delivery(JSON.stringify(createMessage())), intake.deps());
    await processInbound(
      delivery(Buffer.from(JSON.stringify(createMessage({ externalId: 'B-1' })))),
      intake.deps(),
    );
    expect(intake.kinds()).toEqual(['accepted', 'accepted']);
  });

  it('gives the same message delivered twice one work order, one journey and one accepted', async () => {
    const intake = new MemoryIntake();
    const d = delivery(createMessage());
    await processInbound(d, intake.deps());
    const again = await processInbound(
      { ...d, deliveryCount: 2 },
      intake.deps(new Date('2026-03-02T09:05:00Z')),
    );

    expect(again.outcome).toBe('imported');
    expect(intake.workOrders.size).toBe(1);
    expect(intake.journeys.size).toBe(1);
    expect(intake.kinds()).toEqual(['accepted']);
  });

  it('acknowledges a re-sent copy with a new message id as stale and changes nothing', async () => {
    const intake = new MemoryIntake();
    await processInbound(delivery(createMessage()), intake.deps());
    const before = intake.workOrders.get(workOrderId);
    const copy = await processInbound(delivery(createMessage({ notes: 'sent again' })), intake.deps());

    expect(copy.outcome).toBe('stale');
    expect(intake.workOrders.get(workOrderId)).toBe(before);
    expect(intake.kinds()).toEqual(['accepted', 'stale']);
    expect(intake.sent[1]?.body).toMatchObject({ receivedRevision: 1, currentRevision: 1 });
  });
});

describe('intake: rejections', () => {
  it('rejects malformed JSON with a reason and imports nothing', async () => {
    const intake = new MemoryIntake();
    const d = delivery('{"kind": "create", ');
    const result = await processInbound(d, intake.deps());
    expect(result.outcome).toBe('rejected');
    expect(intake.sent[0]).toMatchObject({ correlationId: d.messageId, body: { kind: 'rejected' } });
    expect(intake.sent[0]?.body).toMatchObject({ issues: [{ path: '' }] });
    expect(intake.workOrders.size).toBe(0);
  });

  it('rejects schema violations with every field path and echoes what could be read', async () => {
    const intake = new MemoryIntake();
    const bad = createMessage({
      priority: 'whenever',
      customer: { name: 'Luc', language: 'fr' },
    });
    await processInbound(delivery(bad), intake.deps());
    const body = intake.sent[0]?.body;
    expect(body).toMatchObject({ kind: 'rejected', utilityCode: 'ORES', externalId: 'ORES-88412' });
    const paths = body?.kind === 'rejected' ? body.issues.map((issue) => issue.path) : [];
    expect(paths).toEqual(expect.arrayContaining(['priority', 'customer.phone']));
    expect(intake.journeys.size).toBe(0);
  });

  it('rejects an unknown schema version with that one reason', async () => {
    const intake = new MemoryIntake();
    await processInbound(delivery(createMessage({ schemaVersion: 2 })), intake.deps());
    expect(intake.sent[0]?.body).toMatchObject({
      kind: 'rejected',
      issues: [{ path: 'schemaVersion', message: expect.stringContaining('unsupported schemaVersion 2') }],
    });
  });

  it('answers two identical invalid messages with a rejection each', async () => {
    const intake = new MemoryIntake();
    await processInbound(delivery('not json'), intake.deps());
    await processInbound(delivery('not json'), intake.deps());
    expect(intake.kinds()).toEqual(['rejected', 'rejected']);
  });
});

describe('intake: amendments and ordering', () => {
  it('applies a newer revision whole and keeps what Fieldline owns', async () => {
    const intake = new MemoryIntake();
    await processInbound(delivery(createMessage()), intake.deps());
    const created = intake.workOrders.get(workOrderId)?.value;
    if (created === undefined) throw new Error('not imported');
    intake.put({ ...created, state: { status: 'AwaitingCustomer' }, contactAttempts: 1 });
    intake.customers.set(created.customerId, {
      ...intake.customers.get(created.customerId)!,
      smsOptedOut: true,
    });

    const result = await processInbound(delivery(amendMessage(2, { priority: 'low' })), intake.deps());
    expect(result.outcome).toBe('amended');
    expect(intake.workOrders.get(workOrderId)?.value).toMatchObject({
      revision: 2,
      priority: 'low',
      contactAttempts: 1,
      correlationId: created.correlationId,
      state: { status: 'AwaitingCustomer' },
    });
    expect(intake.customers.get(created.customerId)?.smsOptedOut).toBe(true);
    expect(intake.kinds()).toEqual(['accepted', 'accepted']);
  });

  it('answers an older or equal revision stale without changing anything', async () => {
    const intake = new MemoryIntake();
    await processInbound(delivery(createMessage()), intake.deps());
    await processInbound(delivery(amendMessage(3, { priority: 'low' })), intake.deps());
    const stale = await processInbound(delivery(amendMessage(2, { priority: 'emergency' })), intake.deps());

    expect(stale.outcome).toBe('stale');
    expect(intake.workOrders.get(workOrderId)?.value.priority).toBe('low');
    expect(intake.sent.at(-1)?.body).toMatchObject({
      kind: 'stale',
      receivedRevision: 2,
      currentRevision: 3,
    });
  });

  it('converges when an amendment overtakes its create: the amendment stands, the late create is stale', async () => {
    const intake = new MemoryIntake();
    const amend = await processInbound(delivery(amendMessage(2, { priority: 'low' })), intake.deps());
    const create = await processInbound(delivery(createMessage()), intake.deps());

    expect([amend.outcome, create.outcome]).toEqual(['imported', 'stale']);
    expect(intake.workOrders.get(workOrderId)?.value).toMatchObject({ revision: 2, priority: 'low' });
    expect(intake.journeys.size).toBe(1);
  });

  it('refuses to amend a cancelled work order', async () => {
    const intake = new MemoryIntake();
    await processInbound(delivery(createMessage()), intake.deps());
    await processInbound(delivery(cancelMessage(2)), intake.deps());
    const late = await processInbound(delivery(amendMessage(3)), intake.deps());
    expect(late.outcome).toBe('rejected');
    expect(intake.sent.at(-1)?.body).toMatchObject({
      kind: 'rejected',
      workOrderId,
      issues: [{ message: expect.stringContaining('Cancelled') }],
    });
  });
});

describe('intake: cancellation', () => {
  it('cancels the work order, tells its journey and acknowledges', async () => {
    const intake = new MemoryIntake();
    await processInbound(delivery(createMessage()), intake.deps());
    const d = delivery(cancelMessage(2, 'customer moved'));
    const result = await processInbound(d, intake.deps());

    expect(result.outcome).toBe('cancelled');
    expect(intake.workOrders.get(workOrderId)?.value).toMatchObject({
      revision: 2,
      state: { status: 'Cancelled', by: 'utility' },
    });
    expect(intake.journeys.get(workOrderId)?.cancelled).toBe(1);
    expect(intake.released).toEqual([workOrderId]);
    expect(intake.sent.at(-1)).toMatchObject({
      correlationId: d.messageId,
      body: { kind: 'cancelled', cancelledBy: 'utility', reason: 'customer moved' },
    });
  });

  it('brings the cases linked to a cancelled work order in step', async () => {
    const intake = new MemoryIntake();
    await processInbound(delivery(createMessage()), intake.deps());
    intake.put({ ...intake.workOrders.get(workOrderId)!.value, caseIds: ['CS-1'] });
    const synced: string[] = [];
    await processInbound(delivery(cancelMessage(2)), {
      ...intake.deps(),
      syncCases: async (workOrder) =>
        void synced.push(`${workOrder.caseIds.join()}:${workOrder.state.status}`),
    });
    expect(synced).toEqual(['CS-1:Cancelled']);
  });

  it('rejects a cancel for a work order that is done', async () => {
    const intake = new MemoryIntake();
    await processInbound(delivery(createMessage()), intake.deps());
    const created = intake.workOrders.get(workOrderId)!.value;
    intake.put({ ...created, state: { status: 'Closed', outcome: 'completed' } });
    expect((await processInbound(delivery(cancelMessage(2)), intake.deps())).outcome).toBe('rejected');
  });

  it('rejects a cancel for an unknown work order but keeps it: the late create is answered cancelled', async () => {
    const intake = new MemoryIntake();
    const cancel = await processInbound(delivery(cancelMessage(2, 'withdrawn')), intake.deps());
    const create = await processInbound(delivery(createMessage()), intake.deps());

    expect([cancel.outcome, create.outcome]).toEqual(['rejected', 'cancelledBeforeCreate']);
    expect(intake.workOrders.size).toBe(0);
    expect(intake.journeys.size).toBe(0);
    expect(intake.kinds()).toEqual(['rejected', 'cancelled']);
    expect(intake.sent[1]?.body).toMatchObject({ cancelledBy: 'utility', reason: 'withdrawn' });
  });

  it('imports a create newer than a remembered cancel: the utility ordered the work again', async () => {
    const intake = new MemoryIntake();
    await processInbound(delivery(cancelMessage(2)), intake.deps());
    const create = await processInbound(delivery(createMessage({ revision: 3 })), intake.deps());
    expect(create.outcome).toBe('imported');
  });
});

describe('intake: crash between writes converges on redelivery', () => {
  const steps: Step[] = ['writeCustomer', 'createWorkOrder', 'addTimelineEvent', 'startJourney', 'publish'];

  it.each(steps)('create crashing at %s', async (step) => {
    const intake = new MemoryIntake();
    const d = delivery(createMessage());
    intake.crashOnce(step);
    await expect(processInbound(d, intake.deps())).rejects.toBeInstanceOf(InjectedCrash);
    await processInbound({ ...d, deliveryCount: 2 }, intake.deps(new Date('2026-03-02T09:01:00Z')));

    expect(intake.workOrders.size).toBe(1);
    expect(intake.customers.size).toBe(1);
    expect(intake.events.size).toBe(1);
    expect(intake.journeys.size).toBe(1);
    expect(intake.kinds()).toEqual(['accepted']);
  });

  it.each<Step>(['addTimelineEvent', 'cancelJourney', 'publish'])('cancel crashing at %s', async (step) => {
    const intake = new MemoryIntake();
    await processInbound(delivery(createMessage()), intake.deps());
    const d = delivery(cancelMessage(2));
    intake.crashOnce(step);
    await expect(processInbound(d, intake.deps())).rejects.toBeInstanceOf(InjectedCrash);
    const result = await processInbound({ ...d, deliveryCount: 2 }, intake.deps());

    expect(result.outcome).toBe('cancelled');
    expect(intake.workOrders.get(workOrderId)?.value.state).toEqual({ status: 'Cancelled', by: 'utility' });
    expect(intake.journeys.get(workOrderId)?.cancelled).toBeGreaterThanOrEqual(1);
    expect(intake.kinds()).toEqual(['accepted', 'cancelled']);
  });

  it('re-decides when the journey changes the work order between read and write', async () => {
    const intake = new MemoryIntake();
    await processInbound(delivery(createMessage()), intake.deps());
    intake.beforeReplace = () => {
      intake.beforeReplace = undefined;
      const current = intake.workOrders.get(workOrderId)!.value;
      intake.put({ ...current, state: { status: 'AwaitingCustomer' } });
    };
    await processInbound(delivery(amendMessage(2, { priority: 'low' })), intake.deps());
    expect(intake.workOrders.get(workOrderId)?.value).toMatchObject({
      revision: 2,
      priority: 'low',
      state: { status: 'AwaitingCustomer' },
    });
  });
});
