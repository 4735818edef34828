import { describe, expect, it } from 'vitest';
import { contactIndexIdFor } from '../../shared/customers/contactIndex';
import type { InboundDelivery } from '../../shared/intake/inboundDelivery';
import { processInbound } from '../../shared/intake/processInbound';
import { workOrderIdFor } from '../../shared/workorders/workOrderId';
import { cosmosIntake } from './support/cosmosIntake';
import { CosmosCrash } from './support/countingCosmos';
import { amendMessage, cancelMessage, createMessage, delivery } from './support/messages';

const workOrderId = workOrderIdFor('ORES', 'ORES-88412');
const customer = { name: 'An Peeters', phone: '+32470000001', email: 'an@example.org', language: 'nl' };

/** Intake with the create (and the messages before it) already imported. */
async function after(...deliveries: InboundDelivery[]) {
  const intake = cosmosIntake();
  for (const d of deliveries) await processInbound(d, intake.deps);
  return intake;
}

describe('intake reads only what the decision needs', () => {
  it('answers a stale copy from one read of the work order and writes nothing', async () => {
    const intake = await after(delivery(createMessage({ customer })));
    const mark = intake.cosmos.requests.length;
    const result = await processInbound(delivery(createMessage({ customer })), intake.deps);

    expect(result.outcome).toBe('stale');
    expect(intake.cosmos.since(mark)).toEqual({ 'workOrders read': 1 });
  });

  it('does not read the customer for a cancel, and still ends the follow-ups it reads', async () => {
    const intake = await after(delivery(createMessage({ customer })));
    const mark = intake.cosmos.requests.length;
    await processInbound(delivery(cancelMessage(2)), intake.deps);

    const read = intake.cosmos.requests.slice(mark).filter((request) => request.operation === 'read');
    expect(read.map((request) => request.container)).not.toContain('customers');
    // The work order and the first follow-up id, which is not there.
    expect(read.filter((request) => request.container === 'workOrders')).toHaveLength(2);
  });

  it('does not look for follow-ups on an amend', async () => {
    const intake = await after(delivery(createMessage({ customer })));
    const mark = intake.cosmos.requests.length;
    await processInbound(delivery(amendMessage(2, { customer, priority: 'low' })), intake.deps);

    const workOrderReads = intake.cosmos.requests
      .slice(mark)
      .filter((request) => request.container === 'workOrders' && request.operation === 'read');
    // The work order itself, read again for its deadlines and to find a newer revision: no follow-up.
    expect(new Set(workOrderReads.map((request) => request.partitionKey))).toEqual(new Set([workOrderId]));
  });
});

describe('intake starts a new work order’s clocks without looking for an entry it cannot have', () => {
  it('writes the deadline entry and creates its pointer, reading nothing in the index', async () => {
    const intake = cosmosIntake();
    await processInbound(delivery(createMessage({ customer })), intake.deps);

    const onDeadlines = intake.cosmos.requests.filter((request) => request.container === 'deadlines');
    expect(onDeadlines.map((request) => `${request.operation} ${request.status}`)).toEqual([
      'upsert 200',
      'create 201',
    ]);
  });

  it('reads and moves it as usual for a work order whose create it finds already made', async () => {
    const create = delivery(createMessage({ customer }));
    const clean = cosmosIntake();
    await processInbound(create, clean.deps);
    // The crash comes just after the work order was created, before its deadlines.
    const firstOnDeadlines = clean.cosmos.requests.findIndex((r) => r.container === 'deadlines') + 1;
    const intake = cosmosIntake();
    intake.cosmos.crashAt(firstOnDeadlines);
    await expect(processInbound(create, intake.deps)).rejects.toBeInstanceOf(CosmosCrash);
    const mark = intake.cosmos.requests.length;
    await processInbound({ ...create, deliveryCount: 2 }, intake.deps);
    const onDeadlines = intake.cosmos.requests.slice(mark).filter((r) => r.container === 'deadlines');
    expect(onDeadlines[0]?.operation).toBe('read');
  });
});

describe('intake writes a new contact point in one request', () => {
  it("creates a new customer's contact entries without reading them first", async () => {
    const intake = cosmosIntake();
    await processInbound(delivery(createMessage({ customer })), intake.deps);
    const entries = [contactIndexIdFor('sms', customer.phone), contactIndexIdFor('email', customer.email)];

    const onEntries = intake.cosmos.requests.filter((request) => entries.includes(request.partitionKey));
    expect(onEntries.map((request) => `${request.operation} ${request.status}`)).toEqual([
      'create 201',
      'create 201',
    ]);
  });

  it('keeps both customers on a phone they share: the create that finds the entry adds to it', async () => {
    const intake = await after(delivery(createMessage({ customer })));
    await processInbound(
      delivery(createMessage({ externalId: 'ORES-2', customer: { ...customer, email: undefined } })),
      intake.deps,
    );

    const id = contactIndexIdFor('sms', customer.phone);
    const entry = intake.cosmos.documents()[`customers ${id} ${id}`];
    expect((entry as { customerIds: string[] }).customerIds).toHaveLength(2);
  });
});

describe('intake over Cosmos DB: a crash before any request converges on redelivery', () => {
  /**
   * Runs `message` once cleanly, then again on fresh stores crashing before each of its requests in
   * turn and redelivering it: every run must end with the same documents as the clean one.
   */
  async function crashEverywhere(setup: InboundDelivery[], message: InboundDelivery) {
    const clean = await after(...setup);
    const mark = clean.cosmos.requests.length;
    await processInbound(message, clean.deps);
    const requests = clean.cosmos.requests.length - mark;
    expect(requests).toBeGreaterThan(0);

    for (let n = 1; n <= requests; n++) {
      const crashed = await after(...setup);
      crashed.cosmos.crashAt(n);
      await expect(processInbound(message, crashed.deps), `crash at request ${n}`).rejects.toBeInstanceOf(
        CosmosCrash,
      );
      await processInbound({ ...message, deliveryCount: 2 }, crashed.deps);
      expect(crashed.cosmos.documents(), `crash at request ${n}`).toEqual(clean.cosmos.documents());
      expect(crashed.memory.kinds(), `crash at request ${n}`).toEqual(clean.memory.kinds());
    }
  }

  const create = delivery(createMessage({ customer }));

  it('a create', () => crashEverywhere([], create));
  it('an amend that changes the phone, the name and the priority (so the deadlines move)', () =>
    crashEverywhere(
      [create],
      delivery(
        amendMessage(2, {
          priority: 'emergency',
          customer: { ...customer, name: 'An Janssens', phone: '+32470000009' },
        }),
      ),
    ));
  it('a cancel', () => crashEverywhere([create], delivery(cancelMessage(2))));
});
