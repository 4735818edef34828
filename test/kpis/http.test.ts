import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyDependencies } from '../../functions/journey/dependencies';
import { ManualClock } from '@fieldline/functions-local';
import { DurableEngine } from '@fieldline/functions-local';
import { updateWorkOrder } from '../../orchestrations/journey/activities/updateWorkOrder';
import type { Role } from '../../shared/identity';
import { hmacLinkIssuer } from '../../shared/links/linkIssuer';
import type { WorkOrder } from '../../shared/workorders/workOrder';
import { aWorkOrder } from '../journey/support/fixtures';
import { signedInAs, startTestRuntime, type TestRuntime } from '../support/runtime';

const as = (userId: string, ...roles: Role[]) => ({
  ...signedInAs({ userId, roles }),
});
const tech = as('tech-1', 'technician');
const agent = as('agent-1', 'agent');
const ops = as('ops-1', 'ops');

const hour = 3_600_000;
/** Monday 5 January 2026, 10:00 in Brussels: every fact below counts on that local day. */
const t0 = Date.parse('2026-01-05T09:00:00Z');

const workOrder = (id: string, changes: Partial<WorkOrder>): WorkOrder =>
  aWorkOrder({ id, externalId: id, customerId: `CU-${id}`, ...changes });
const dispatched = (id: string, receivedAt: string, changes: Partial<WorkOrder> = {}): WorkOrder =>
  workOrder(id, {
    state: { status: 'Dispatched', appointmentId: `AP-${id}`, technicianId: 'tech-1' },
    receivedAt,
    ...changes,
  });

describe('KPIs on the local runtime, from facts recorded where things happen', () => {
  let rt: TestRuntime;
  const clock = new ManualClock(t0);

  const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
    const response = await rt.fetch(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
  };
  const openCase = async (body: Record<string, unknown>): Promise<string> => {
    const opened = await call('POST', '/api/cases', agent, { origin: 'Phone', ...body });
    expect(opened.status).toBe(201);
    return opened.body.id as string;
  };
  const resolve = async (caseId: string) => {
    const resolved = await call('PATCH', `/api/cases/${caseId}`, agent, {
      command: { type: 'resolve', reason: 'ProblemSolved' },
    });
    expect(resolved.body.state.status).toBe('Resolved');
  };
  const report = (status: 'completed' | 'incomplete', workOrderId: string, at: string, reason?: string) =>
    call('POST', `/api/technician/work-orders/${workOrderId}/status`, tech, {
      updateId: `${workOrderId}-${status}`,
      clientTimestamp: at,
      status,
      ...(status === 'completed' ? { report: { checklist: [], measurements: [], photos: [] } } : { reason }),
    });
  const answerSurvey = async (workOrderId: string, score: number) => {
    const keys = JSON.parse(rt.settings['LinkSigningKeys'] ?? '[]');
    const link = hmacLinkIssuer(keys, rt.url).linkFor(
      workOrderId,
      'survey',
      new Date(clock.now() + 24 * hour),
    );
    const answered = await fetch(`${link}/survey`, {
      method: 'POST',
      body: new URLSearchParams({ score: String(score) }),
    });
    expect(answered.status).toBe(200);
  };
  const journeyApplies = (workOrderId: string, at: string, command: Record<string, unknown>) =>
    updateWorkOrder({ workOrderId, correlationId: 'c', commands: [command], at }, journeyDependencies());

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('./support/reportingTestApp'),
      clock,
      plugins: [new DurableEngine()],
    });
    const workOrders = rt.cosmos!.container('workOrders');
    for (const seeded of [
      dispatched('WO-K1', '2026-01-05T06:00:00Z'),
      dispatched('WO-K2', '2026-01-04T06:00:00Z', { priority: 'emergency' }),
      dispatched('WO-K3', '2026-01-05T06:00:00Z'),
      dispatched('WO-K4', '2026-01-05T06:00:00Z'),
      dispatched('WO-K5', '2026-01-05T04:00:00Z'),
      workOrder('WO-N1', {}),
      workOrder('WO-N2', {}),
      workOrder('WO-S', {}),
    ])
      await workOrders.items.upsert(seeded);

    // Cases, through the cases API. C1 and C2 resolved on the call (first-call resolutions);
    // C3 is about WO-S, so resolving it is not first-call; C4 goes to the field; C5 stays open.
    const c1 = await openCase({ title: 'Bill question', type: 'Inquiry', priority: 'Normal' });
    const c2 = await openCase({ title: 'Address change', type: 'Request', priority: 'Low' });
    const c3 = await openCase({
      title: 'Outage',
      type: 'Problem',
      priority: 'Critical',
      workOrderId: 'WO-S',
    });
    const c4 = await openCase({
      title: 'Meter noise',
      type: 'Problem',
      priority: 'Normal',
      workOrderId: 'WO-S',
    });
    await openCase({ title: 'Call back', type: 'Inquiry', priority: 'Normal' });
    await resolve(c1);
    await resolve(c2);
    const escalate = () =>
      call('POST', `/api/cases/${c4}/work-orders`, agent, { workType: 'repair', dueDate: '2026-01-20' });
    expect((await escalate()).status).toBe(201);
    // A second work order for the same case is not a second escalation.
    expect((await escalate()).status).toBe(201);

    // Visits, through the technician API, received when the phones report them (a phone's time
    // counts only within the allowed skew of its receipt).
    expect((await report('completed', 'WO-K1', '2026-01-05T09:00:00Z')).body.outcome).toBe('applied');
    expect((await report('completed', 'WO-K5', '2026-01-05T09:00:00Z')).body.outcome).toBe('applied');
    await clock.advanceTo(new Date('2026-01-05T10:00:00Z'));
    await report('incomplete', 'WO-K3', '2026-01-05T10:00:00Z', 'customerAbsent');
    await report('incomplete', 'WO-K4', '2026-01-05T10:00:00Z', 'accessDenied');
    await clock.advanceTo(new Date('2026-01-05T11:00:00Z'));
    expect((await report('completed', 'WO-K2', '2026-01-05T11:00:00Z')).body.outcome).toBe('applied');
    // A replayed completion (the phone was offline) changes nothing.
    expect((await report('completed', 'WO-K1', '2026-01-05T09:00:00Z')).body.outcome).toBe('alreadyApplied');

    // Surveys, through the survey page; a resubmitted form keeps the first answer.
    await answerSurvey('WO-K1', 5);
    await answerSurvey('WO-K5', 2);
    await answerSurvey('WO-K1', 1);

    // The journey's own activity, as it runs: two contact rounds start, one ends with no answer.
    await journeyApplies('WO-N1', '2026-01-05T09:00:00Z', { type: 'startContact' });
    await journeyApplies('WO-N2', '2026-01-05T09:00:00Z', { type: 'startContact' });
    await journeyApplies('WO-N1', '2026-01-05T12:00:00Z', { type: 'putOnHold', reason: 'noContact' });

    // Five hours later (15:00 in Brussels) the Critical outage case is resolved: 300 business
    // minutes against a 240-minute target.
    await clock.advanceTo(new Date(t0 + 5 * hour));
    await resolve(c3);
  }, 120_000);

  afterAll(async () => {
    await rt?.stop();
  });

  it('reports the seeded day as computed by hand', async () => {
    const { status, body } = await call('GET', '/api/kpis?from=2026-01-05&to=2026-01-05', agent);
    expect(status).toBe(200);
    // Resolved C1, C2, C3; C1 and C2 had no work order → 2/3.
    expect(body.firstCallResolution).toEqual({ rate: 2 / 3, firstCall: 2, resolved: 3 });
    // Opened C1–C5; C4 escalated (twice, counted once) → 1/5.
    expect(body.dispatch).toEqual({ rate: 0.2, escalated: 1, opened: 5 });
    // End-to-end: K1 09:00 − 06:00 = 3 h (bucket 2–4), K5 09:00 − 04:00 = 5 h (4–8),
    // K2 11:00 on the 5th − 06:00 on the 4th = 29 h (24–48). Average (3 + 5 + 29) / 3 = 12.33 h.
    // Median: rank 0.5 × 3 = 1.5, one before the 4–8 bucket → 4 + 0.5 × 4 = 6 h.
    // p90: rank 2.7, two before the 24–48 bucket → 24 + 0.7 × 24 = 40.8 h.
    expect(body.resolutionTime.completions).toBe(3);
    expect(body.resolutionTime.averageHours).toBeCloseTo(37 / 3, 9);
    expect(body.resolutionTime.medianHours).toBeCloseTo(6, 9);
    expect(body.resolutionTime.p90Hours).toBeCloseTo(40.8, 9);
    // Two contact rounds (WO-N1, WO-N2), one on hold for no contact → 1/2.
    expect(body.noContact).toEqual({ rate: 0.5, holds: 1, contactRounds: 2 });
    // Visits: K1, K2, K5 completed, K3 and K4 incomplete = 5; K3 customer absent → 1/5.
    expect(body.noShow).toEqual({ rate: 0.2, noShows: 1, visits: 5 });
    // Surveys: K1 5 (its resubmitted 1 ignored), K5 2 → 3.5.
    expect(body.satisfaction).toEqual({ average: 3.5, answers: 2 });
    // SLA at closure: C1, C2 met; C3 missed (300 > 240 min); K1, K5 met (normal: 10 days);
    // K2 missed (emergency: 24 h, took 29 h) → 4 met of 6.
    expect(body.slaCompliance).toEqual({ rate: 4 / 6, met: 4, missed: 2 });
  });

  it('reads ranges across month partitions and leaves out days outside the range', async () => {
    const wide = await call('GET', '/api/kpis?from=2025-12-01&to=2026-02-28', ops);
    expect(wide.body).toMatchObject({ daysWithData: 1, dispatch: { opened: 5 }, noShow: { visits: 5 } });
    const before = await call('GET', '/api/kpis?from=2025-12-01&to=2026-01-04', ops);
    expect(before.body).toMatchObject({ daysWithData: 0, dispatch: { rate: null, opened: 0 } });
    expect(before.body.satisfaction.average).toBeNull();
  });

  it('refuses bad ranges with field paths, and callers without a case-worker role', async () => {
    const bad = await call('GET', '/api/kpis?from=2026-13-01&to=2026-01-05', agent);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['query.from']);
    const long = await call('GET', '/api/kpis?from=2025-01-01&to=2026-01-05', agent);
    expect(long.status).toBe(400);
    expect(long.body.errors.map((e: { path: string }) => e.path)).toEqual(['query.to']);
    const missing = await call('GET', '/api/kpis', agent);
    expect(missing.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'query.from',
      'query.to',
    ]);
    expect((await call('GET', '/api/kpis?from=2026-01-05&to=2026-01-05', tech)).status).toBe(403);
    expect((await call('GET', '/api/kpis?from=2026-01-05&to=2026-01-05', {})).status).toBe(401);
  });

  it('documents the KPI and customer 360 endpoints in the OpenAPI document', async () => {
    const { body } = await call('GET', '/api/openapi.json', {});
    const kpis = body.paths['/kpis'].get;
    expect(
      kpis.parameters.map((p: { name: string; in: string; required: boolean }) => [p.name, p.in, p.required]),
    ).toEqual([
      ['from', 'query', true],
      ['to', 'query', true],
    ]);
    expect(body.paths['/customers/{customerId}/360'].get.parameters[0]).toMatchObject({
      name: 'customerId',
      in: 'path',
    });
  });
});
