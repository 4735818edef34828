import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosmos } from '../../functions/platform';
import { ManualClock } from '@fieldline/functions-local';
import { DurableEngine } from '@fieldline/functions-local';
import { cosmosIntakeStore } from '../../shared/adapters/cosmos/intakeStore';
import { customerIdFor, type Customer } from '../../shared/customers/customer';
import type { Role } from '../../shared/identity';
import type { Notification } from '../../shared/notifications/notification';
import type { WorkOrder } from '../../shared/workorders/workOrder';
import { aCustomer, aWorkOrder } from '../journey/support/fixtures';
import { signedInAs, startTestRuntime, type TestRuntime } from '../support/runtime';

const as = (userId: string, ...roles: Role[]) => ({
  ...signedInAs({ userId, roles }),
});
const agent = as('agent-1', 'agent');
const tech = as('tech-1', 'technician');

const phone = '+32470111222';
const meter = { meterNumber: 'M-4711' };

const workOrder = (id: string, changes: Partial<WorkOrder>): WorkOrder =>
  aWorkOrder({ id, externalId: id, customerId: customerIdFor(id), asset: meter, ...changes });
const customer = (workOrderId: string, changes: Partial<Customer>): Customer =>
  aCustomer({ id: customerIdFor(workOrderId), workOrderId, ...changes });
const notification = (workOrderId: string, purpose: Notification['purpose'], at: string): Notification => ({
  id: `NT-${workOrderId}-${purpose}`,
  docType: 'notification',
  subjectId: workOrderId,
  customerId: customerIdFor(workOrderId),
  channel: 'sms',
  purpose,
  template: `journey.${purpose}`,
  language: 'nl',
  status: 'delivered',
  createdAt: at,
  updatedAt: at,
});

/*
 * One person (one phone) with two work orders a year apart — the older one visited and completed,
 * the newer one booked — and a neighbour with another phone who must not show up.
 */
describe('customer 360 on the local runtime', () => {
  let rt: TestRuntime;
  const logs: string[] = [];
  const clock = new ManualClock(Date.parse('2026-01-05T09:00:00Z'));
  let resolvedCase: string;
  let openCase: string;

  const call = async (path: string, headers: Record<string, string>, method = 'GET', body?: unknown) => {
    const response = await rt.fetch(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: JSON.parse(await response.text()) };
  };

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('../kpis/support/reportingTestApp'),
      clock,
      plugins: [new DurableEngine()],
      log: (line) => logs.push(line),
    });
    const store = cosmos();
    const intake = cosmosIntakeStore(store);
    await intake.createWorkOrder(
      workOrder('WO-P1', {
        state: { status: 'Dispatched', appointmentId: 'AP-P1', technicianId: 'tech-1' },
        receivedAt: '2025-01-06T08:00:00Z',
      }),
    );
    await intake.createWorkOrder(
      workOrder('WO-P2', {
        state: { status: 'Scheduled', appointmentId: 'AP-P2' },
        receivedAt: '2026-01-05T08:00:00Z',
      }),
    );
    await intake.createWorkOrder(workOrder('WO-Q1', { asset: { meterNumber: 'M-9' } }));
    await intake.writeCustomer(customer('WO-P1', { name: 'An Peeters', phone }));
    await intake.writeCustomer(customer('WO-P2', { name: 'An Peeters', phone }));
    await intake.writeCustomer(customer('WO-Q1', { name: 'Bert Jansen', phone: '+32470999888' }));
    // Intake indexes each customer by phone as the work orders arrive.
    await intake.indexContact('sms', phone, customerIdFor('WO-P1'), '2025-01-06T08:00:00Z');
    await intake.indexContact('sms', phone, customerIdFor('WO-P2'), '2026-01-05T08:00:00Z');
    await intake.indexContact('sms', '+32470999888', customerIdFor('WO-Q1'), '2026-01-05T08:00:00Z');

    // An email-only person with two work orders is found the same way, through the email index.
    for (const id of ['WO-E1', 'WO-E2']) {
      await intake.createWorkOrder(workOrder(id, {}));
      await intake.writeCustomer(
        customer(id, { name: 'Els Jacobs', phone: undefined, email: 'els@example.org' }),
      );
      await intake.indexContact('email', 'els@example.org', customerIdFor(id), '2026-01-05T08:00:00Z');
    }

    const timeline = rt.cosmos!.container('timeline');
    await timeline.items.upsert(notification('WO-P1', 'invitation', '2025-01-06T09:00:00Z'));
    await timeline.items.upsert(notification('WO-P2', 'bookingConfirmation', '2026-01-05T08:30:00Z'));
    await timeline.items.upsert(notification('WO-Q1', 'invitation', '2026-01-05T08:30:00Z'));

    const open = async (workOrderId: string) =>
      (
        await call('/api/cases', agent, 'POST', {
          title: 'Question about the meter',
          type: 'Inquiry',
          priority: 'Normal',
          origin: 'Phone',
          workOrderId,
        })
      ).body.id as string;
    resolvedCase = await open('WO-P1');
    await call(`/api/cases/${resolvedCase}`, agent, 'PATCH', {
      command: { type: 'resolve', reason: 'InformationProvided' },
    });
    openCase = await open('WO-P2');
    const completed = await call('/api/technician/work-orders/WO-P1/status', tech, 'POST', {
      updateId: 'p1-done',
      clientTimestamp: '2026-01-05T08:45:00Z',
      status: 'completed',
      report: { checklist: [], measurements: [], photos: [] },
    });
    expect(completed.body.outcome).toBe('applied');
  }, 60_000);

  afterAll(async () => {
    await rt?.stop();
  });

  it('shows both work orders of the phone, their cases, asset, history and messages in one call', async () => {
    const { status, body } = await call(`/api/customers/${customerIdFor('WO-P2')}/360`, agent);
    expect(status).toBe(200);
    expect(body.person).toMatchObject({ name: 'An Peeters', language: 'nl' });
    expect([...body.customerIds].sort()).toEqual([customerIdFor('WO-P1'), customerIdFor('WO-P2')]);
    expect(body.workOrders.open.map((w: WorkOrder) => w.id)).toEqual(['WO-P2']);
    expect(body.workOrders.closed.map((w: WorkOrder) => [w.id, w.state.status])).toEqual([
      ['WO-P1', 'Completed'],
    ]);
    expect(body.workOrders.open[0]).toMatchObject({ site: { city: 'Gent' }, asset: meter });
    expect(body.cases.open.map((c: { id: string }) => c.id)).toEqual([openCase]);
    expect(
      body.cases.closed.map((c: { id: string; state: { status: string } }) => [c.id, c.state.status]),
    ).toEqual([[resolvedCase, 'Resolved']]);
    expect(body.assets).toEqual([
      { asset: meter, site: expect.objectContaining({ city: 'Gent' }), workOrderIds: ['WO-P2', 'WO-P1'] },
    ]);
    const history = body.recentHistory.map(
      (e: { subjectId: string; type: string }) => `${e.subjectId} ${e.type}`,
    );
    expect(history).toContain('WO-P1 technician.completed');
    expect(history.every((line: string) => !line.startsWith('WO-Q1'))).toBe(true);
    expect(
      body.communications.map(
        (n: { workOrderId: string; purpose: string }) => `${n.workOrderId} ${n.purpose}`,
      ),
    ).toEqual(['WO-P2 bookingConfirmation', 'WO-P1 invitation']);
  });

  it('finds the same person from the other work order’s customer', async () => {
    const { body } = await call(`/api/customers/${customerIdFor('WO-P1')}/360`, agent);
    expect([...body.workOrders.open, ...body.workOrders.closed].map((w: WorkOrder) => w.id).sort()).toEqual([
      'WO-P1',
      'WO-P2',
    ]);
    const neighbour = await call(`/api/customers/${customerIdFor('WO-Q1')}/360`, agent);
    expect(neighbour.body.customerIds).toEqual([customerIdFor('WO-Q1')]);
    expect(neighbour.body.cases).toEqual({ open: [], closed: [] });
  });

  it('finds an email-only person’s work orders through their email', async () => {
    const { body } = await call(`/api/customers/${customerIdFor('WO-E2')}/360`, agent);
    expect([...body.customerIds].sort()).toEqual([customerIdFor('WO-E1'), customerIdFor('WO-E2')]);
  });

  it('answers 404, 400 with the field path, 401 and 403', async () => {
    expect((await call('/api/customers/CU-nobody/360', agent)).status).toBe(404);
    const bad = await call('/api/customers/bad%20id/360', agent);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('params.customerId');
    expect((await call(`/api/customers/${customerIdFor('WO-P1')}/360`, {})).status).toBe(401);
    expect((await call(`/api/customers/${customerIdFor('WO-P1')}/360`, tech)).status).toBe(403);
  });

  it('never logs the person’s name or phone', () => {
    expect(logs.some((line) => line.includes('customer 360 read'))).toBe(true);
    expect(logs.filter((line) => line.includes('An Peeters') || line.includes('470111222'))).toEqual([]);
  });
});
