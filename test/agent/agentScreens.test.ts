import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DurableEngine, ManualClock } from '@fieldline/functions-local';
import { cosmos } from '../../functions/platform';
import { cosmosIntakeStore } from '../../shared/adapters/cosmos/intakeStore';
import { customerIdFor, type Customer } from '../../shared/customers/customer';
import { nameIndexIdsOf, nameTokens } from '../../shared/customers/nameIndex';
import type { Role } from '../../shared/identity';
import type { WorkOrder } from '../../shared/workorders/workOrder';
import { workOrderIdFor } from '../../shared/workorders/workOrderId';
import { aCustomer, aWorkOrder } from '../journey/support/fixtures';
import { eventually } from '../support/outboundQueue';
import { signedInAs, startTestRuntime, type TestRuntime } from '../support/runtime';
import { testUtilityContacts } from '../support/utilityContacts';

const as = (userId: string, ...roles: Role[]) => signedInAs({ userId, roles });
const agent = as('agent-1', 'agent');
const ops = as('ops-1', 'ops');

const ores = (externalId: string) => workOrderIdFor('ORES', externalId);
const workOrder = (externalId: string, changes: Partial<WorkOrder> = {}): WorkOrder =>
  aWorkOrder({
    id: ores(externalId),
    utilityCode: 'ORES',
    externalId,
    customerId: customerIdFor(ores(externalId)),
    ...changes,
  });
const customer = (externalId: string, changes: Partial<Customer>): Customer =>
  aCustomer({
    id: customerIdFor(ores(externalId)),
    utilityCode: 'ORES',
    workOrderId: ores(externalId),
    ...changes,
  });

/*
 * The agent screens over HTTP, as a browser without script uses them: GET pages, form posts with
 * the page's CSRF field, post/redirect/get. Customers are written the way intake writes them,
 * contact and name index entries included.
 */
describe('agent workspace screens on the local runtime', () => {
  let rt: TestRuntime;
  const clock = new ManualClock(Date.parse('2026-01-05T08:00:00Z'));

  const page = async (path: string, headers: Record<string, string> = agent) => {
    const response = await rt.fetch(path, { headers, redirect: 'manual' });
    return {
      status: response.status,
      text: await response.text(),
      location: response.headers.get('location'),
    };
  };
  const form = async (
    path: string,
    fields: Record<string, string>,
    headers: Record<string, string> = agent,
  ) => {
    const { 'x-csrf-token': token = '', ...rest } = headers;
    const response = await rt.fetch(path, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...rest, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: token, ...fields }).toString(),
    });
    return {
      status: response.status,
      text: await response.text(),
      location: response.headers.get('location'),
    };
  };
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await rt.fetch(path, {
      method,
      headers: { 'content-type': 'application/json', ...agent },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await response.json()) as Record<string, unknown>;
  };
  const caseIds = (text: string) => [...text.matchAll(/<tr data-case="(CASE-\d{6})"/g)].map((m) => m[1]);

  let problemCase = '';
  let inquiryCase = '';
  let lowCase = '';

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('../kpis/support/reportingTestApp'),
      clock,
      plugins: [new DurableEngine()],
      settings: { UtilityContacts: testUtilityContacts },
    });
    const intake = cosmosIntakeStore(cosmos());
    const people: Array<[string, Partial<Customer>]> = [
      ['A-1', { name: 'Marie-Claire Dubois', phone: '+32470000001', email: 'Marie.Dubois@Example.org' }],
      ['A-2', { name: 'Jan Peeters', phone: '+32470000002', email: 'jan@example.org' }],
      ['A-3', { name: 'An Peeters', phone: '+32470000003', email: 'an@example.org' }],
    ];
    for (const [externalId, details] of people) {
      const person = customer(externalId, details);
      await intake.createWorkOrder(workOrder(externalId));
      await intake.writeCustomer(person);
      await intake.indexContact('sms', person.phone!, person.id, person.updatedAt);
      await intake.indexContact('email', person.email!, person.id, person.updatedAt);
      for (const token of nameTokens(person.name))
        await intake.indexNameToken(token, person.id, person.updatedAt);
    }
    // An entry left behind by an amend: "dubois" still points at Jan, who is no Dubois.
    await intake.indexNameToken('dubois', customerIdFor(ores('A-2')), '2026-01-05T08:00:00Z');
    await intake.createWorkOrder(workOrder('A-1-OTHER', { customerId: customerIdFor(ores('A-1')) }));

    const open = async (title: string, type: string, priority: string, externalId?: string) =>
      (
        await api('POST', '/api/cases', {
          title,
          type,
          priority,
          origin: 'Phone',
          ...(externalId === undefined ? {} : { workOrderId: ores(externalId) }),
        })
      )['id'] as string;
    problemCase = await open('Meter dark', 'Problem', 'High', 'A-1');
    await clock.advance(60_000);
    inquiryCase = await open('When is my visit', 'Inquiry', 'Critical');
    await clock.advance(60_000);
    lowCase = await open('Paper invoice please', 'Request', 'Low');
  }, 60_000);
  afterAll(async () => {
    await rt?.stop();
  });

  describe('customer search', () => {
    const found = async (q: string) => {
      const { status, text } = await form('/api/agent/customers', { q });
      expect(status).toBe(200);
      return [...text.matchAll(/href="\/api\/agent\/customers\/(CU-[^"]+)"/g)].map((m) => m[1]);
    };

    it('finds by phone however it is written, and by email in any case', async () => {
      expect(await found('0032 470 00 00 01')).toEqual([customerIdFor(ores('A-1'))]);
      expect(await found('+32 (470) 00-00-02')).toEqual([customerIdFor(ores('A-2'))]);
      expect(await found('marie.dubois@example.ORG')).toEqual([customerIdFor(ores('A-1'))]);
      expect(await found('0470 00 00 02')).toEqual([customerIdFor(ores('A-2'))]);
    });

    it('records who was shown which customers, never what was typed, and refuses a search without the form token', async () => {
      await found('0470 00 00 03');
      const { resources: accesses } = await rt
        .cosmos!.container('accessLog')
        .items.query('SELECT * FROM c WHERE c.action = "customerSearch"')
        .fetchAll();
      expect(accesses.some((a) => a.subjectIds.includes(customerIdFor(ores('A-3'))))).toBe(true);
      expect(accesses.every((a) => a.userId === 'agent-1')).toBe(true);
      expect(JSON.stringify(accesses)).not.toMatch(/470 ?00|example/);
      const { 'x-csrf-token': _token, ...session } = agent;
      expect(
        (await form('/api/agent/customers', { q: 'peeters' }, { ...session, 'x-csrf-token': 'forged' }))
          .status,
      ).toBe(403);
    });

    it('finds by every word of a name, without accents or order, and checks entries that lag', async () => {
      expect((await found('peeters')).sort()).toEqual(
        [customerIdFor(ores('A-2')), customerIdFor(ores('A-3'))].sort(),
      );
      expect(await found('Peeters jan')).toEqual([customerIdFor(ores('A-2'))]);
      expect(await found('claire DUBOIS')).toEqual([customerIdFor(ores('A-1'))]);
      expect(await found('Jansen')).toEqual([]);
    });

    it('finds by the utility’s reference, with or without the utility, and by our ids', async () => {
      expect(await found('A-3')).toEqual([customerIdFor(ores('A-3'))]);
      expect(await found('ORES A-2')).toEqual([customerIdFor(ores('A-2'))]);
      expect(await found(ores('A-1'))).toEqual([customerIdFor(ores('A-1'))]);
      expect(await found(problemCase)).toEqual([customerIdFor(ores('A-1'))]);
    });

    it('never puts a name, phone or email into an index id', async () => {
      const { resources } = await rt
        .cosmos!.container('customers')
        .items.query("SELECT c.id FROM c WHERE c.docType != 'customer'")
        .fetchAll();
      const ids = resources.map((item: { id: string }) => item.id).join(' ');
      expect(ids).toMatch(/NI-[0-9a-f]{40}-[0-9a-f]/);
      for (const leak of ['peeters', 'dubois', '470000', 'example'])
        expect(ids.toLowerCase()).not.toContain(leak);
    });
  });

  describe('case queue', () => {
    it('sorts by due, priority or newest, and filters by state, priority and category', async () => {
      expect(caseIds((await page('/api/agent/cases')).text)).toEqual([inquiryCase, problemCase, lowCase]);
      expect(caseIds((await page('/api/agent/cases?sort=priority')).text)).toEqual([
        inquiryCase,
        problemCase,
        lowCase,
      ]);
      expect(caseIds((await page('/api/agent/cases?sort=opened')).text)).toEqual([
        lowCase,
        inquiryCase,
        problemCase,
      ]);
      expect(caseIds((await page('/api/agent/cases?category=Problem&priority=')).text)).toEqual([
        problemCase,
      ]);
      expect(caseIds((await page('/api/agent/cases?priority=Low')).text)).toEqual([lowCase]);
      expect(caseIds((await page('/api/agent/cases?state=Resolved')).text)).toEqual([]);
    });

    it('answers a filter it does not know with 400 and says which', async () => {
      const { status, text } = await page('/api/agent/cases?sla=late');
      expect(status).toBe(400);
      expect(text).toContain('Filters not understood: sla:');
    });

    it('badges the breached first-response clock, with the threshold from the policy', async () => {
      // Critical: first response within 30 business minutes, warning at 75 %.
      await clock.advance(40 * 60_000);
      const { text } = await page('/api/agent/cases?sla=breached');
      expect(caseIds(text)).toEqual([inquiryCase]);
      expect(text).toContain('Target 30 min of desk time; warns at 75 %');
      expect(text).toContain('badge breach');
    });
  });

  describe('case page forms', () => {
    it('refuses a form without the page’s CSRF token, and shows field errors as a page', async () => {
      const { 'x-csrf-token': _token, ...cookieOnly } = agent;
      const forged = await rt.fetch(`/api/agent/cases/${lowCase}/notes`, {
        method: 'POST',
        headers: { ...cookieOnly, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'kind=note&text=hello',
      });
      expect(forged.status).toBe(403);
      expect(await forged.text()).toContain('That action was not carried out');
      const bad = await form(`/api/agent/cases/${lowCase}/notes`, { kind: 'fax', text: '' });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('kind:');
      expect(bad.text).toContain('text:');
    });

    it('records a call as the first response and a note as internal', async () => {
      expect(
        (await form(`/api/agent/cases/${lowCase}/notes`, { kind: 'note', text: 'Checked billing' })).location,
      ).toBe(`/api/agent/cases/${lowCase}?done=noted`);
      expect((await api('GET', `/api/cases/${lowCase}`))['firstRespondedAt']).toBeUndefined();
      await form(`/api/agent/cases/${lowCase}/notes`, { kind: 'phone', text: 'Told them it is on its way' });
      expect((await api('GET', `/api/cases/${lowCase}`))['firstRespondedAt']).toBeDefined();
      const { text } = await page(`/api/agent/cases/${lowCase}`);
      expect(text).toContain('Checked billing');
      expect(text).toContain('Call with the customer');
    });

    it('offers only the moves the case machine allows, and pauses the clock on waiting', async () => {
      const before = (await page(`/api/agent/cases/${lowCase}`)).text;
      expect(before).toContain('value="awaitCustomer"');
      expect(before).not.toContain('value="reactivate"');
      expect((await form(`/api/agent/cases/${lowCase}/state`, { command: 'awaitCustomer' })).status).toBe(
        303,
      );
      const after = (await page(`/api/agent/cases/${lowCase}`)).text;
      expect(after).toContain('Active (WaitingForCustomer)');
      expect(after).toContain('Paused');
      expect(after).not.toContain('value="awaitCustomer"');
    });

    it('links an existing work order both ways, and then can send field service from it', async () => {
      expect((await page(`/api/agent/cases/${inquiryCase}/follow-up`)).status).toBe(409);
      const linked = await form(`/api/agent/cases/${inquiryCase}/work-orders`, { workOrderId: ores('A-2') });
      expect(linked.location).toBe(`/api/agent/cases/${inquiryCase}?done=linked`);
      const record = await api('GET', `/api/cases/${inquiryCase}`);
      expect(record).toMatchObject({ workOrderId: ores('A-2'), state: { reason: 'InFieldService' } });
      const stored = await rt.cosmos!.container('workOrders').item(ores('A-2'), ores('A-2')).read();
      expect(stored.resource.caseIds).toContain(inquiryCase);
      expect((await page(`/api/agent/cases/${inquiryCase}/follow-up`)).status).toBe(200);
      expect(
        (await form(`/api/agent/cases/${inquiryCase}/work-orders`, { workOrderId: 'WO-NONE' })).status,
      ).toBe(400);
    });

    it('lets ops read cases but not create work orders from them', async () => {
      expect((await page(`/api/agent/cases/${inquiryCase}`, ops)).status).toBe(200);
      const refused = await page(`/api/agent/cases/${inquiryCase}/follow-up`, ops);
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('You do not have access to this page');
    });

    it('closes with the chosen outcome; a cancelled case offers no moves', async () => {
      const preview = await page(`/api/agent/cases/${problemCase}/close`);
      expect(preview.text).toContain('The closure cascade is on');
      expect(preview.text).toContain(ores('A-1'));
      const closed = await form(`/api/agent/cases/${problemCase}/close`, { outcome: 'cancel:Duplicate' });
      expect(closed.location).toBe(`/api/agent/cases/${problemCase}?done=closed`);
      expect((await api('GET', `/api/cases/${problemCase}`))['state']).toEqual({
        status: 'Cancelled',
        reason: 'Duplicate',
      });
      const detail = (await page(`/api/agent/cases/${problemCase}`)).text;
      expect(detail).toContain('A cancelled case cannot move.');
      expect(detail).not.toContain('/close"');
      expect((await form(`/api/agent/cases/${problemCase}/state`, { command: 'reactivate' })).status).toBe(
        409,
      );
    });

    it('answers an unknown case with a 404 page', async () => {
      const { status, text } = await page('/api/agent/cases/CASE-999999');
      expect(status).toBe(404);
      expect(text).toContain('There is no case CASE-999999.');
    });
  });

  it('logs a call from the 360 as a case with the call as its first response', async () => {
    const opened = await form('/api/agent/cases', {
      customerId: customerIdFor(ores('A-3')),
      title: 'Wants a morning slot',
      type: 'Request',
      priority: 'Normal',
      workOrderId: ores('A-3'),
      note: 'Asked for mornings only',
      answered: 'yes',
    });
    expect(opened.status).toBe(303);
    const caseId = /CASE-\d{6}/.exec(opened.location ?? '')?.[0] ?? '';
    const record = await api('GET', `/api/cases/${caseId}`);
    expect(record).toMatchObject({
      customerId: customerIdFor(ores('A-3')),
      workOrderId: ores('A-3'),
      origin: 'Phone',
      description: 'Asked for mornings only',
    });
    expect(record['firstRespondedAt']).toBeDefined();
    const view = (await page(`/api/agent/customers/${customerIdFor(ores('A-3'))}`)).text;
    expect(view).toContain(caseId);
    expect(view).toContain('An Peeters');
  });

  it('forgets an erased person’s name words along with their contact entries', async () => {
    const admin = as('admin-1', 'admin');
    const requested = await rt.fetch('/api/privacy/erasures', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...admin },
      body: JSON.stringify({ person: { customerId: customerIdFor(ores('A-1')) } }),
    });
    expect(requested.status).toBe(202);
    const { statusUrl } = (await requested.json()) as { statusUrl: string };
    await eventually(async () => {
      await clock.advance(30_000);
      const status = (await (await rt.fetch(statusUrl, { headers: admin })).json()) as {
        runtimeStatus: string;
      };
      return status.runtimeStatus === 'Completed' ? status : undefined;
    }, 60_000);
    const holders = async (token: string) => {
      const entries = await Promise.all(
        nameIndexIdsOf(token).map((id) => rt.cosmos!.container('customers').item(id, id).read()),
      );
      return entries.flatMap((entry) => (entry.resource?.customerIds as string[] | undefined) ?? []);
    };
    expect(await holders('claire')).toEqual([]);
    expect(await holders('dubois')).toEqual([customerIdFor(ores('A-2'))]);
    expect(await form('/api/agent/customers', { q: 'claire' }).then(({ text }) => text)).toContain(
      'No customer found',
    );
  }, 90_000);
});
