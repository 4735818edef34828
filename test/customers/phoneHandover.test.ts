import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { senderRecords } from '../../functions/smsReplies/senderRecords';
import { cosmos } from '../../functions/platform';
import { ManualClock } from '@fieldline/functions-local';
import { DurableEngine } from '@fieldline/functions-local';
import { cosmosIntakeStore } from '../../shared/adapters/cosmos/intakeStore';
import { customerIdFor } from '../../shared/customers/customer';
import { contactIndexIdFor } from '../../shared/customers/contactIndex';
import { processInbound } from '../../shared/intake/processInbound';
import { workOrderIdFor } from '../../shared/workorders/workOrderId';
import { amendMessage, createMessage, delivery } from '../intake/support/messages';
import { signedInAs, startTestRuntime, type TestRuntime } from '../support/runtime';

const agent = signedInAs({ userId: 'agent-1', roles: ['agent'] });
const oldNumber = '+32470123123';
const newNumber = '+32470456456';

/*
 * Luc gives up his number (an amend of his work order changes his phone); the operator hands it to
 * Mia, whose own work order arrives later with it. Through intake itself, on the local runtime.
 */
describe('a phone number passed on to someone else', () => {
  let rt: TestRuntime;
  const luc = workOrderIdFor('ORES', 'ORES-88412');
  const mia = workOrderIdFor('ORES', 'ORES-99001');

  const call = async (path: string, method = 'GET', body?: unknown) => {
    const response = await rt.fetch(path, {
      method,
      headers: { 'content-type': 'application/json', ...agent },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: JSON.parse(await response.text()) };
  };

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('../kpis/support/reportingTestApp'),
      clock: new ManualClock(Date.parse('2026-03-02T09:00:00Z')),
      plugins: [new DurableEngine()],
    });
    const deps = {
      store: cosmosIntakeStore(cosmos()),
      journeys: {
        start: async () => 'started' as const,
        cancel: async () => 'notRunning' as const,
        amended: async () => 'notRunning' as const,
      },
      appointments: { release: async () => undefined, revalidate: async () => ({ kind: 'none' }) as const },
      outbox: { publish: async () => undefined },
      now: () => new Date('2026-03-02T09:00:00Z'),
    };
    const lucCustomer = { name: 'Luc Dubois', phone: oldNumber, language: 'fr' };
    await processInbound(delivery(createMessage({ customer: lucCustomer })), deps);
    await processInbound(delivery(amendMessage(2, { customer: { ...lucCustomer, phone: newNumber } })), deps);
    await processInbound(
      delivery(
        createMessage({
          externalId: 'ORES-99001',
          customer: { name: 'Mia Claes', phone: oldNumber, language: 'nl' },
        }),
      ),
      deps,
    );
    // A case opened for Luc by customer id alone, with no work order.
    await call('/api/cases', 'POST', {
      title: 'Complaint about the letter',
      type: 'Inquiry',
      priority: 'Low',
      origin: 'Phone',
      customerId: customerIdFor(luc),
    });
  }, 60_000);
  afterAll(async () => {
    await rt?.stop();
  });

  it('retires the old number’s index entry on the amend', async () => {
    const id = contactIndexIdFor('sms', oldNumber);
    const { resource } = await rt.cosmos!.container('customers').item(id, id).read();
    expect(resource.customerIds).toEqual([customerIdFor(mia)]);
  });

  it('shows the new owner nothing of the previous one, in the 360 and in SMS replies', async () => {
    const view = await call(`/api/customers/${customerIdFor(mia)}/360`);
    expect(view.status).toBe(200);
    expect(view.body.customerIds).toEqual([customerIdFor(mia)]);
    const workOrderIds = [...view.body.workOrders.open, ...view.body.workOrders.closed].map(
      (w: { id: string }) => w.id,
    );
    expect(workOrderIds).toEqual([mia]);
    expect([...view.body.cases.open, ...view.body.cases.closed]).toEqual([]);
    const senders = await senderRecords(
      { customers: rt.cosmos!.container('customers'), workOrders: rt.cosmos!.container('workOrders') },
      oldNumber,
    );
    expect(senders.map((sender) => sender.customer.value.id)).toEqual([customerIdFor(mia)]);
  });

  it('passes over an entry that was never retired (a crash before the retirement)', async () => {
    // As if the amend had crashed after the customer write: the stale pointer is back.
    await cosmosIntakeStore(cosmos()).indexContact(
      'sms',
      oldNumber,
      customerIdFor(luc),
      '2026-03-02T09:00:00Z',
    );
    const view = await call(`/api/customers/${customerIdFor(mia)}/360`);
    expect(view.body.customerIds).toEqual([customerIdFor(mia)]);
    const senders = await senderRecords(
      { customers: rt.cosmos!.container('customers'), workOrders: rt.cosmos!.container('workOrders') },
      oldNumber,
    );
    expect(senders.map((sender) => sender.customer.value.id)).toEqual([customerIdFor(mia)]);
  });

  it('shows Luc his work order, the follow-up made from his case, and the case opened by id only', async () => {
    const aboutWorkOrder = await call('/api/cases', 'POST', {
      title: 'Meter still blinking',
      type: 'Problem',
      priority: 'Normal',
      origin: 'Phone',
      workOrderId: luc,
    });
    const sent = await call(`/api/cases/${aboutWorkOrder.body.id}/work-orders`, 'POST', {
      workType: 'repair',
      dueDate: '2026-03-20',
    });
    expect(sent.status).toBe(201);
    const view = await call(`/api/customers/${customerIdFor(luc)}/360`);
    expect(view.body.person.phone).toBe(newNumber);
    expect(view.body.workOrders.open.map((w: { id: string }) => w.id).sort()).toEqual(
      [luc, sent.body.workOrder.id].sort(),
    );
    expect(view.body.cases.open.map((c: { title: string }) => c.title).sort()).toEqual([
      'Complaint about the letter',
      'Meter still blinking',
    ]);
  });
});
