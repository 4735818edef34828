import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@fieldline/functions-local';
import { DurableEngine } from '@fieldline/functions-local';
import { cosmosDeadlineIndex } from '../../shared/adapters/cosmos/deadlineIndex';
import { resources } from '../../shared/resources';
import { indexWorkOrderDeadlines } from '../../shared/sla/deadlineUpkeep';
import { standardSlaPolicies } from '../../shared/sla/slaPolicy';
import { aWorkOrder } from '../journey/support/fixtures';
import { signedInAs, startTestRuntime, type TestRuntime } from '../support/runtime';

const agent = signedInAs({ userId: 'agent-1', roles: ['agent'] });
const hour = 3_600_000;

/*
 * The SLA sweep is a timer every five minutes; the manual clock fires it as it advances. A
 * Critical case's resolution target is 240 business minutes (08:00–18:00 Brussels, weekdays),
 * warning at 75 % = 180 minutes.
 */
describe('SLA sweep on the local runtime (controllable clock)', () => {
  let rt: TestRuntime;
  const clock = new ManualClock(Date.parse('2026-01-05T09:00:00Z'));

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await rt.fetch(path, {
      method,
      headers: { 'content-type': 'application/json', ...agent },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: JSON.parse(await response.text()) };
  };
  const slaEvents = async (caseId: string): Promise<string[]> =>
    (await call('GET', `/api/cases/${caseId}/timeline`)).body.events
      .filter((event: { type: string }) => event.type.startsWith('sla.'))
      .map((event: { type: string; occurredAt: string }) => `${event.type}@${event.occurredAt}`);
  const listed = async (caseId: string) =>
    (await call('GET', '/api/cases?status=Active')).body.cases.find((c: { id: string }) => c.id === caseId);

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('../kpis/support/reportingTestApp'),
      clock,
      plugins: [new DurableEngine()],
    });
  }, 60_000);
  afterAll(async () => {
    await rt?.stop();
  });

  it('writes one warning and one breach as the clock passes them, none while paused', async () => {
    const opened = await call('POST', '/api/cases', {
      title: 'Street without power',
      type: 'Problem',
      priority: 'Critical',
      origin: 'Phone',
    });
    const caseId = opened.body.id as string;
    // The agent's call with the customer is the first response, so only the resolution clock is
    // left running;
    // waiting for the customer pauses it.
    await call('PATCH', `/api/cases/${caseId}`, {
      command: { type: 'awaitCustomer' },
      contact: { channel: 'phone', summary: 'Asked which houses are affected' },
    });

    // 10:00 → 14:00 Brussels, paused all along: 48 sweeps and nothing to write.
    await clock.advance(4 * hour);
    expect(await slaEvents(caseId)).toEqual([]);
    expect((await listed(caseId)).sla.resolution).toMatchObject({ state: 'paused', elapsedMinutes: 0 });

    // Running again from 14:00; 180 minutes later (17:00 Brussels, 16:00Z) the warning.
    await call('PATCH', `/api/cases/${caseId}`, { command: { type: 'startWork' } });
    await clock.advance(3 * hour + 30 * 60_000);
    expect(await slaEvents(caseId)).toEqual(['sla.warning@2026-01-05T16:00:00.000Z']);
    expect((await listed(caseId)).sla.resolution).toMatchObject({ state: 'warning', elapsedMinutes: 210 });

    // 240 minutes at 18:00 Brussels (17:00Z): the breach. Sweeps go on all evening; each
    // crossing is still written once.
    await clock.advance(3 * hour);
    expect(await slaEvents(caseId)).toEqual([
      'sla.breached@2026-01-05T17:00:00.000Z',
      'sla.warning@2026-01-05T16:00:00.000Z',
    ]);
    expect((await listed(caseId)).sla.resolution).toMatchObject({
      state: 'failed',
      failedAt: '2026-01-05T17:00:00.000Z',
    });
  });

  it('sweeps open work orders too: an emergency not dispatched in time warns, then breaches, once each', async () => {
    const receivedAt = new Date(clock.now()).toISOString();
    const workOrder = aWorkOrder({
      id: 'WO-SLA-1',
      priority: 'emergency',
      state: { status: 'AwaitingCustomer' },
      receivedAt,
    });
    // Written as intake writes it: the work order, and its clocks in the deadline index.
    await rt.cosmos!.container('workOrders').items.create(workOrder);
    const database = rt.cosmos!;
    const index = cosmosDeadlineIndex({
      database,
      container: (key) => database.container(resources.cosmos.containers[key].name),
    });
    await indexWorkOrderDeadlines(
      { index, policies: standardSlaPolicies, now: () => new Date(clock.now()) },
      workOrder,
      [],
    );
    const events = async () => {
      const { resources } = await rt
        .cosmos!.container('timeline')
        .items.query({
          query: "SELECT * FROM c WHERE c.subjectId = 'WO-SLA-1' AND STARTSWITH(c.type, 'sla.')",
        })
        .fetchAll();
      return resources
        .map((e: { type: string; data?: { metric?: string } }) => `${e.type}:${e.data?.metric}`)
        .sort();
    };
    // Emergency time to dispatch: 240 minutes around the clock, warning at 180.
    await clock.advance(2 * hour);
    expect(await events()).toEqual([]);
    await clock.advance(2 * hour + 5 * 60_000);
    expect(await events()).toEqual(['sla.breached:timeToDispatch', 'sla.warning:timeToDispatch']);
    await clock.advance(hour);
    expect(await events()).toEqual(['sla.breached:timeToDispatch', 'sla.warning:timeToDispatch']);
  });
});
