import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@fieldline/functions-local';
import { DurableEngine } from '@fieldline/functions-local';
import type { Role } from '../../shared/identity';
import type { WorkOrder } from '../../shared/workorders/workOrder';
import { aWorkOrder } from '../journey/support/fixtures';
import { signedInAs, startTestRuntime, type TestRuntime } from '../support/runtime';

const as = (userId: string, ...roles: Role[]) => ({
  ...signedInAs({ userId, roles }),
});
const tech1 = as('tech-1', 'technician');
const tech2 = as('tech-2', 'technician');
const agent = as('agent-1', 'agent');
const dispatcher = as('disp-1', 'dispatcher');

const dispatchedTo = (id: string, technicianId: string, changes: Partial<WorkOrder> = {}): WorkOrder =>
  aWorkOrder({
    id,
    externalId: id,
    state: { status: 'Dispatched', appointmentId: `AP-${id}`, technicianId },
    ...changes,
  });

describe('cases and technician API on the local runtime', () => {
  let rt: TestRuntime;
  const clock = new ManualClock(Date.parse('2026-01-05T09:00:00Z'));

  const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
    const response = await rt.fetch(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
  };
  const status = (workOrderId: string, headers: Record<string, string>, body: unknown) =>
    call('POST', `/api/technician/work-orders/${workOrderId}/status`, headers, body);
  const seed = async (workOrder: WorkOrder) => {
    await rt.cosmos!.container('workOrders').items.upsert(workOrder);
  };
  const journeyEvents = async (workOrderId: string): Promise<string[]> => {
    await clock.settle();
    const { body } = await call('GET', `/api/test/journeys/${workOrderId}`, {});
    return (body?.received ?? []).map((event: { name: string }) => event.name);
  };

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('./support/casesTestApp'),
      clock,
      plugins: [new DurableEngine()],
      embedded: { cosmos: true, blob: true, outbox: false },
    });
    await seed(dispatchedTo('WO-A', 'tech-1'));
    await seed(dispatchedTo('WO-B', 'tech-1'));
    await seed(dispatchedTo('WO-C', 'tech-1'));
    await rt.cosmos!.container('appointments').items.upsert({
      id: 'AP-WO-A',
      technicianId: 'tech-1',
      workOrderId: 'WO-A',
      region: 'BE-OVL',
      windowStart: '2026-01-05T10:00:00Z',
      windowEnd: '2026-01-05T12:00:00Z',
      localDate: '2026-01-05',
      status: 'booked',
      bookedVia: 'web',
      createdAt: '2026-01-04T10:00:00Z',
      updatedAt: '2026-01-04T10:00:00Z',
    });
    for (const id of ['WO-A', 'WO-B', 'WO-C']) await call('POST', `/api/test/journeys/${id}`, {});
  }, 60_000);
  afterAll(async () => {
    await rt?.stop();
  });

  it('answers 401 without a principal and 403 for the wrong role or someone else’s work', async () => {
    const enRoute = {
      updateId: 'x-1',
      clientTimestamp: '2026-01-05T09:00:00Z',
      status: 'enRoute',
      eta: '2026-01-05T10:00:00Z',
    };
    expect((await status('WO-A', {}, enRoute)).status).toBe(401);
    expect((await status('WO-A', { 'x-ms-client-principal': 'garbage' }, enRoute)).status).toBe(401);
    expect((await status('WO-A', agent, enRoute)).status).toBe(403);
    expect((await status('WO-A', tech2, enRoute)).status).toBe(403);
    expect((await call('GET', '/api/technicians/tech-1/schedule?date=2026-01-05', tech2)).status).toBe(403);
    expect((await call('GET', '/api/technician/work-orders/WO-A', tech2)).status).toBe(403);
    expect((await call('GET', '/api/cases', tech1)).status).toBe(403);
  });

  it('answers 400 with field paths', async () => {
    const bad = await status('WO-A', tech1, {
      updateId: 'x',
      clientTimestamp: 'yesterday',
      status: 'enRoute',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['clientTimestamp', 'eta']);
    const badCase = await call('POST', '/api/cases', agent, {
      title: '',
      type: 'Complaint',
      priority: 'Normal',
      origin: 'Phone',
    });
    expect(badCase.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['title', 'type']);
    const badQuery = await call('GET', '/api/cases?limit=0', agent);
    expect(badQuery.body.errors[0].path).toBe('query.limit');
    expect((await call('GET', '/api/cases/42', agent)).body.errors[0].path).toBe('params.caseId');
  });

  it('shows a technician their day, and dispatchers anyone’s', async () => {
    const own = await call('GET', '/api/technicians/tech-1/schedule?date=2026-01-05', tech1);
    expect(own.status).toBe(200);
    expect(own.body.visits.map((visit: { workOrder: WorkOrder }) => visit.workOrder.id)).toEqual(['WO-A']);
    expect(
      (await call('GET', '/api/technicians/tech-1/schedule?date=2026-01-06', dispatcher)).body.visits,
    ).toEqual([]);
  });

  it('applies en route once, raises TechnicianEnRoute, and ignores replays and older updates', async () => {
    const enRoute = {
      updateId: 'a-1',
      clientTimestamp: '2026-01-05T09:10:00Z',
      status: 'enRoute',
      eta: '2026-01-05T10:00:00Z',
    };
    expect((await status('WO-A', tech1, enRoute)).body).toMatchObject({
      outcome: 'applied',
      status: 'EnRoute',
    });
    expect((await status('WO-A', tech1, enRoute)).body).toMatchObject({
      outcome: 'alreadyApplied',
      status: 'EnRoute',
    });
    const onSite = { updateId: 'a-3', clientTimestamp: '2026-01-05T09:50:00Z', status: 'onSite' };
    expect((await status('WO-A', tech1, onSite)).body).toMatchObject({
      outcome: 'applied',
      status: 'OnSite',
    });
    const older = {
      updateId: 'a-2',
      clientTimestamp: '2026-01-05T09:30:00Z',
      status: 'enRoute',
      eta: '2026-01-05T10:05:00Z',
    };
    expect((await status('WO-A', tech1, older)).body).toMatchObject({ outcome: 'stale', status: 'OnSite' });
    const read = await call('GET', '/api/technician/work-orders/WO-A', tech1);
    expect(read.body.state.status).toBe('OnSite');
    expect(read.body.fieldUpdates.recentUpdateIds).toEqual(['a-1', 'a-3']);
    // The replay re-raised its event (it was the latest), the stale one raised nothing.
    expect(
      (await journeyEvents('WO-A')).filter((name) => name === 'TechnicianEnRoute').length,
    ).toBeLessThanOrEqual(2);
    expect(await journeyEvents('WO-A')).toContain('TechnicianEnRoute');
  });

  it('numbers cases uniquely under concurrency', async () => {
    const made = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call('POST', '/api/cases', agent, {
          title: `Call ${i}`,
          type: 'Inquiry',
          priority: 'Low',
          origin: 'Phone',
        }),
      ),
    );
    const ids = made.map((response) => response.body.id as string);
    expect(made.every((response) => response.status === 201)).toBe(true);
    expect(new Set(ids).size).toBe(8);
    expect(ids.every((id) => /^CASE-\d{6}$/.test(id))).toBe(true);
  });

  it('links a case raised on site to the work order, syncs status and resolves it on completion', async () => {
    const raised = await call('POST', '/api/technician/work-orders/WO-A/cases', tech1, {
      title: 'Cable damaged by roadworks',
    });
    expect(raised.status).toBe(201);
    const caseId = raised.body.id as string;
    expect(raised.body).toMatchObject({
      origin: 'Field',
      workOrderId: 'WO-A',
      state: { reason: 'InFieldService' },
    });
    expect((await call('GET', '/api/technician/work-orders/WO-A', tech1)).body.caseIds).toEqual([caseId]);

    const photo = await call('POST', '/api/technician/work-orders/WO-A/photo-uploads', tech1, {
      contentType: 'image/jpeg',
    });
    expect(photo.status).toBe(201);
    expect(photo.body.reference).toMatch(/^WO-A\/photo-.+\.jpg$/);
    expect(photo.body.uploadUrl).toContain('sig=');
    const put = await fetch(photo.body.uploadUrl, {
      method: 'PUT',
      headers: photo.body.headers,
      body: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]),
    });
    expect(put.status).toBe(201);

    const completed = await status('WO-A', tech1, {
      updateId: 'a-4',
      clientTimestamp: '2026-01-05T10:30:00Z',
      status: 'completed',
      report: {
        checklist: [{ item: 'Splice', done: true }],
        measurements: [],
        photos: [{ reference: photo.body.reference }],
      },
    });
    expect(completed.body).toMatchObject({ outcome: 'applied', status: 'Completed', reportId: 'VR-a-4' });
    const report = await rt.cosmos!.container('timeline').item('VR-a-4', 'WO-A').read();
    expect(report.resource).toMatchObject({
      docType: 'visitReport',
      report: { photos: [{ reference: photo.body.reference }] },
    });
    expect(await journeyEvents('WO-A')).toContain('VisitCompleted');

    const resolved = await call('GET', `/api/cases/${caseId}`, agent);
    expect(resolved.body.state).toEqual({ status: 'Resolved', reason: 'ProblemSolved' });
    expect(resolved.body.workOrders).toMatchObject([{ workOrderId: 'WO-A', state: { status: 'Completed' } }]);
    const timeline = await call('GET', `/api/cases/${caseId}/timeline`, agent);
    expect(timeline.body.events.map((event: { type: string }) => event.type)).toContain('case.resolved');
  });

  it('sends field service from a case: pre-filled work order, linked both ways, In Field Service', async () => {
    const opened = await call('POST', '/api/cases', agent, {
      title: 'Still no signal',
      type: 'Problem',
      priority: 'High',
      origin: 'Phone',
      workOrderId: 'WO-B',
    });
    const caseId = opened.body.id as string;
    const request = { workType: 'repair', dueDate: '2026-01-20' };
    const made = await call('POST', `/api/cases/${caseId}/work-orders`, agent, request);
    expect(made.status).toBe(201);
    expect(made.body.workOrder).toMatchObject({
      utilityCode: 'FLUVIUS',
      site: { city: 'Gent' },
      caseIds: [caseId],
      state: { status: 'Received' },
    });
    expect(made.body.case.state).toEqual({ status: 'Active', reason: 'InFieldService' });
    expect(made.body.case.workOrders.map((w: { workOrderId: string }) => w.workOrderId)).toEqual([
      'WO-B',
      made.body.workOrder.id,
    ]);
    expect((await call('POST', `/api/cases/${caseId}/work-orders`, tech1, request)).status).toBe(403);
    const listed = await call('GET', `/api/cases?workOrderId=${made.body.workOrder.id}`, agent);
    expect(listed.body.cases.map((c: { id: string }) => c.id)).toEqual([caseId]);
  });

  it('opens one case for a case the phone sends twice, and finishes one whose first send was cut short', async () => {
    await seed(dispatchedTo('WO-R', 'tech-1'));
    const raised = { requestId: '6f1f9d2c-5c44-4c1e-9a77-3f4e2b8d0a11', title: 'Meter cabinet lock broken' };
    const first = await call('POST', '/api/technician/work-orders/WO-R/cases', tech1, raised);
    // The answer was lost in a tunnel: the offline queue sends exactly the same request again.
    const again = await call('POST', '/api/technician/work-orders/WO-R/cases', tech1, raised);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const linked = await call('GET', '/api/technician/work-orders/WO-R', tech1);
    expect(linked.body.caseIds).toEqual([first.body.id]);
    const listed = await call('GET', '/api/cases?workOrderId=WO-R', agent);
    expect(listed.body.cases.map((c: { id: string }) => c.id)).toEqual([first.body.id]);
    const { resources: opened } = await rt
      .cosmos!.container('timeline')
      .items.query({
        query: 'SELECT * FROM c WHERE c.subjectId = @id AND c.type = "case.opened"',
        parameters: [{ name: '@id', value: first.body.id }],
      })
      .fetchAll();
    expect(opened).toHaveLength(1);
    // Another technician's request with the same id is theirs, not a replay of this one.
    expect((await call('POST', '/api/technician/work-orders/WO-R/cases', tech2, raised)).status).toBe(403);

    // A host that stopped after reserving the number and before writing the case.
    await seed(dispatchedTo('WO-S', 'tech-1'));
    const cutShort = '0b8e1c57-2f3a-4d69-8c21-7e5d4a9b6f02';
    await rt.cosmos!.container('idempotency').items.create({
      id: `CR-tech-1~WO-S~${cutShort}`,
      caseId: 'CASE-990001',
    });
    const resumed = await call('POST', '/api/technician/work-orders/WO-S/cases', tech1, {
      requestId: cutShort,
      title: 'Water in the meter pit',
    });
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ id: 'CASE-990001', origin: 'Field', workOrderId: 'WO-S' });
    expect((await call('GET', '/api/technician/work-orders/WO-S', tech1)).body.caseIds).toEqual([
      'CASE-990001',
    ]);
    expect(
      (
        await call('POST', '/api/technician/work-orders/WO-S/cases', tech1, {
          requestId: 'not an id',
          title: 'x',
        })
      ).status,
    ).toBe(400);
  });

  it('creates a linked follow-up for a partly done visit and keeps the case open', async () => {
    const opened = await call('POST', '/api/cases', agent, {
      title: 'Meter',
      type: 'Request',
      priority: 'Normal',
      origin: 'Email',
      workOrderId: 'WO-C',
    });
    const caseId = opened.body.id as string;
    const partly = await status('WO-C', tech1, {
      updateId: 'c-1',
      clientTimestamp: '2026-01-05T11:00:00Z',
      status: 'incomplete',
      reason: 'partlyDone',
    });
    expect(partly.body).toMatchObject({
      outcome: 'applied',
      status: 'Incomplete',
      followUpWorkOrderId: 'WO-C.F1',
    });
    const followUp = await rt.cosmos!.container('workOrders').item('WO-C.F1', 'WO-C.F1').read();
    expect(followUp.resource).toMatchObject({
      followUpOf: 'WO-C',
      caseIds: [caseId],
      receivedAt: '2026-01-05T08:00:00Z',
    });
    const kase = await call('GET', `/api/cases/${caseId}`, agent);
    expect(kase.body.state.status).toBe('Active');
    expect(kase.body.workOrders.map((w: { workOrderId: string }) => w.workOrderId)).toEqual([
      'WO-C',
      'WO-C.F1',
    ]);
    expect(await journeyEvents('WO-C')).toContain('VisitIncomplete');
  });

  it('pauses the SLA while waiting for the customer and shows a breach in the list (controllable clock)', async () => {
    const opened = await call('POST', '/api/cases', agent, {
      title: 'Urgent outage',
      type: 'Problem',
      priority: 'Critical',
      origin: 'Phone',
    });
    const caseId = opened.body.id as string;
    await call('PATCH', `/api/cases/${caseId}`, agent, { command: { type: 'awaitCustomer' } });
    await clock.advance(5 * 3_600_000);
    const waiting = await call('GET', `/api/cases/${caseId}`, agent);
    expect(waiting.body.sla.resolution).toMatchObject({ state: 'paused', elapsedMinutes: 0 });
    await call('PATCH', `/api/cases/${caseId}`, agent, { command: { type: 'startWork' } });
    await clock.advance(3 * 3_600_000);
    const warned = (await call('GET', `/api/cases?status=Active&priority=Critical`, agent)).body.cases.find(
      (c: { id: string }) => c.id === caseId,
    );
    expect(warned.sla.resolution).toMatchObject({ state: 'warning', elapsedMinutes: 180 });
    // 18:00 in Brussels: the service desk has closed, so the night does not count.
    await clock.advance(16 * 3_600_000);
    const breached = await call('GET', `/api/cases/${caseId}`, agent);
    expect(breached.body.sla.resolution).toMatchObject({
      state: 'failed',
      targetMinutes: 240,
      elapsedMinutes: 300,
      failedAt: '2026-01-06T08:00:00.000Z',
    });
    const illegal = await call('PATCH', `/api/cases/${caseId}`, agent, { command: { type: 'reactivate' } });
    expect(illegal.status).toBe(409);
  });

  it('serves an OpenAPI 3.1 document generated from the validating schemas', async () => {
    const doc = await call('GET', '/api/openapi.json', {});
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    const status = doc.body.paths['/technician/work-orders/{workOrderId}/status'].post;
    expect(status.requestBody.content['application/json'].schema.oneOf).toHaveLength(4);
    expect(Object.keys(doc.body.paths)).toContain('/cases/{caseId}/work-orders');
  });
});
