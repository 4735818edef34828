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

  const assign = (id: string, at: string, appointmentId = `AP-${id}`) =>
    updateWorkOrderAt(id, at, [
      { type: 'book', appointmentId },
      { type: 'dispatch', technicianId: 'tech-1' },
    ]);
  const updateWorkOrderAt = (workOrderId: string, at: string, commands: Record<string, unknown>[]) =>
    updateWorkOrder({ workOrderId, correlationId: 'c', commands, at }, journeyDependencies());

  /*
   * Ten work orders with known outcomes, all contacted on Monday 5 January 2026 (Brussels):
   *   W01 completed on the first visit after 3 h, survey 5
   *   W02 emergency, received Sunday 06:00Z, completed 29 h later (target 24 h: missed), survey 4
   *   W03 no-show, rebooked, completed on the second visit after 9 h, survey 3
   *   W04 access denied, not completed
   *   W05 completed after 5 h, survey 2
   *   W06 completed after 13 h, survey 1
   *   W07 no-show, rebooked, completed on the second visit after 14 h
   *   W08 completed after 9 h
   *   W09 never answered: on hold for no contact
   *   W10 emergency, received Sunday 08:00Z, never booked: its 24 h pass Monday 08:00Z unfinished
   */
  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('./support/reportingTestApp'),
      clock,
      plugins: [new DurableEngine()],
    });
    const ids = ['W01', 'W02', 'W03', 'W04', 'W05', 'W06', 'W07', 'W08', 'W09', 'W10'];
    const receivedAt: Record<string, string> = {
      W02: '2026-01-04T06:00:00Z',
      W10: '2026-01-04T08:00:00Z',
    };
    for (const id of ids)
      await rt.cosmos!.container('workOrders').items.upsert(
        workOrder(id, {
          receivedAt: receivedAt[id] ?? '2026-01-05T08:00:00Z',
          ...(id === 'W02' || id === 'W10' ? { priority: 'emergency' as const } : {}),
        }),
      );
    await rt.cosmos!.container('workOrders').items.upsert(workOrder('WO-S', {}));

    // Cases, through the cases API. C1 and C2 resolved on the call (no field visit needed);
    // C3 is about WO-S, so resolving it needed one; C4 goes to the field; C5 stays open.
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

    // The journey's own activity, as it runs: every customer is contacted, all but W09 and W10 book.
    for (const id of ids) await updateWorkOrderAt(id, '2026-01-05T07:00:00Z', [{ type: 'startContact' }]);
    for (const id of ['W01', 'W02', 'W03', 'W04', 'W05', 'W06', 'W07', 'W08'])
      await assign(id, '2026-01-05T07:30:00Z');
    await updateWorkOrderAt('W09', '2026-01-05T08:30:00Z', [{ type: 'putOnHold', reason: 'noContact' }]);

    // The day as it happens: the phones report each visit when it ends (a phone's time counts only
    // within the allowed skew of its receipt), and at 14:00 UTC (15:00 in Brussels) the Critical
    // outage case is resolved: 300 business minutes against a 240-minute target.
    const at = (time: string) => clock.advanceTo(new Date(`2026-01-05T${time}:00Z`));
    await at('09:00');
    await report('incomplete', 'W03', '2026-01-05T09:00:00Z', 'customerAbsent');
    await report('incomplete', 'W07', '2026-01-05T09:00:00Z', 'customerAbsent');
    for (const id of ['W03', 'W07']) {
      await updateWorkOrderAt(id, '2026-01-05T09:30:00Z', [{ type: 'startContact' }]);
      await assign(id, '2026-01-05T10:00:00Z', `AP-${id}-2`);
    }
    await at('10:00');
    await report('incomplete', 'W04', '2026-01-05T10:00:00Z', 'accessDenied');
    const completions: Record<string, string> = {
      W01: '2026-01-05T11:00:00Z',
      W02: '2026-01-05T11:00:00Z',
      W05: '2026-01-05T13:00:00Z',
      W03: '2026-01-05T17:00:00Z',
      W08: '2026-01-05T17:00:00Z',
      W06: '2026-01-05T21:00:00Z',
      W07: '2026-01-05T22:00:00Z',
    };
    let resolved = false;
    for (const [id, time] of Object.entries(completions)) {
      if (!resolved && Date.parse(time) > t0 + 5 * hour) {
        await clock.advanceTo(new Date(t0 + 5 * hour));
        await resolve(c3);
        resolved = true;
      }
      await clock.advanceTo(new Date(time));
      expect((await report('completed', id, time)).body.outcome).toBe('applied');
    }
    // A replayed completion (the phone was offline) changes nothing.
    expect((await report('completed', 'W01', completions['W01'] ?? '')).body.outcome).toBe('alreadyApplied');

    // Surveys at 00:30 on Tuesday in Brussels, through the survey page; a resubmitted form keeps
    // the first answer.
    await clock.advanceTo(new Date('2026-01-05T23:30:00Z'));
    for (const [id, score] of [
      ['W01', 5],
      ['W02', 4],
      ['W03', 3],
      ['W05', 2],
      ['W06', 1],
      ['W01', 1],
    ] as const)
      await answerSurvey(id, score);
  }, 240_000);

  afterAll(async () => {
    await rt?.stop();
  });

  it('reports the ten work orders’ KPIs as computed by hand', async () => {
    const { status, body } = await call('GET', '/api/kpis?from=2026-01-04&to=2026-01-06', agent);
    expect(status).toBe(200);
    // Seven jobs completed (W01 W02 W03 W05 W06 W07 W08); W03 and W07 needed a second visit → 5/7.
    expect(body.firstTimeFix).toEqual({ rate: 5 / 7, firstVisitFixes: 5, completed: 7 });
    // Resolved C1, C2, C3; C1 and C2 had no work order → 2/3.
    expect(body.resolvedWithoutFieldService).toEqual({ rate: 2 / 3, withoutFieldService: 2, resolved: 3 });
    // Opened C1–C5; C4 escalated (twice, counted once) → 1/5.
    expect(body.dispatch).toEqual({ rate: 0.2, escalated: 1, opened: 5 });
    // End-to-end hours 3, 29, 9, 5, 13, 14, 9; sorted 3 5 9 9 13 14 29: the median is 9 h;
    // p90 at rank 0.9 × 6 = 5.4 → 14 + 0.4 × (29 − 14) = 20 h; average 82 / 7 h.
    expect(body.resolutionTime.completions).toBe(7);
    expect(body.resolutionTime.averageHours).toBeCloseTo(82 / 7, 1);
    const { medianHours, p90Hours, relativeError } = body.resolutionTime;
    expect(Math.abs(medianHours - 9) / 9).toBeLessThanOrEqual(relativeError);
    expect(Math.abs(p90Hours - 20) / 20).toBeLessThanOrEqual(relativeError);
    expect(relativeError).toBeLessThan(0.01);
    // Ten work orders contacted in twelve rounds (W03 and W07 rebooked); W09 never answered → 1/10.
    expect(body.noContact).toEqual({ rate: 0.1, workOrders: 1, contacted: 10, contactRounds: 12 });
    // Ten visits (seven completions, three incomplete); W03 and W07 were no-shows → 2/10.
    expect(body.noShow).toEqual({ rate: 0.2, noShows: 2, visits: 10 });
    // Answers 5 4 3 2 1 (W01's resubmitted 1 ignored): 2 of 5 satisfied = 40 %, mean 3.0.
    expect(body.satisfaction).toEqual({ satisfiedRate: 0.4, average: 3, satisfied: 2, answers: 5 });
    // Cases: C1, C2 met; C3 missed (300 > 240 business minutes) → 2/3.
    expect(body.caseSla).toEqual({ rate: 2 / 3, met: 2, missed: 1 });
    // Work orders (time to complete): six met; W02 late, W10 never finished, both missed → 6/8.
    expect(body.workOrderSla).toEqual({ rate: 0.75, met: 6, missed: 2 });
  });

  it('reads ranges across month partitions and leaves out days outside the range', async () => {
    const wide = await call('GET', '/api/kpis?from=2025-12-01&to=2026-02-28', ops);
    // Sunday (W02 and W10 arrived), Monday, and Tuesday 00:30 in Brussels (the surveys).
    expect(wide.body).toMatchObject({ daysWithData: 3, dispatch: { opened: 5 }, noShow: { visits: 10 } });
    const before = await call('GET', '/api/kpis?from=2025-12-01&to=2026-01-03', ops);
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
