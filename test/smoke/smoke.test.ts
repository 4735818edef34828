import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@fieldline/functions-local';
import { runSmoke, type CheckResult, type SmokeOptions } from '../../scripts/smoke/smokeChecks';
import { signedInAs, startTestRuntime, type TestRuntime } from '../support/runtime';
import { json, platformFront, standIn, type StandIn } from './support/standIn';

const secret = 'w'.repeat(40);
const outcomes = (results: readonly CheckResult[]) =>
  Object.fromEntries(results.map((result) => [result.name, result.outcome]));

describe('npm run smoke against the local runtime', () => {
  let rt: TestRuntime;
  let front: StandIn;

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('../../functions'),
      // 09:00 in Brussels: outside quiet hours, so the invitation goes at once.
      clock: new ManualClock(new Date('2026-11-23T08:00:00.000Z')),
      settings: { AcsSmsFrom: '+3225550100', SmsEventsWebhookSecret: secret },
    });
    front = await platformFront(rt.url);
  }, 120_000);

  afterAll(async () => {
    await front?.close();
    await rt?.stop();
  });

  const options = (overrides: Partial<SmokeOptions> = {}): SmokeOptions => ({
    baseUrl: front.url,
    webhookSecret: secret,
    utilityCode: 'SMOKE',
    serviceBus: rt.serviceBusClient(),
    staffHeaders: signedInAs({ userId: 'smoke-ops', roles: ['ops'] }),
    timeoutMs: 30_000,
    ...overrides,
  });

  it('passes every check, one work order accepted and its invitation sent', async () => {
    const results = await runSmoke(options());
    expect(outcomes(results)).toEqual({
      health: 'pass',
      'OpenAPI document': 'pass',
      'forged x-ms-client-principal refused': 'pass',
      'Event Grid validation handshake': 'pass',
      'Durable management API needs a key': 'pass',
      'one work order end to end': 'pass',
    });
    expect(results.at(-1)?.detail).toMatch(
      /^WO-SMOKE-SMOKE-[0-9A-Z]+ accepted, invitation (sent|delivered)$/,
    );
    const invitations = rt.outbox
      ?.messages()
      .filter((message) => message.to.includes('smoke-test@example.org'));
    expect(invitations).toHaveLength(1);
  }, 90_000);

  it('skips only the checks it was not given the means for, and says what to give', async () => {
    const results = await runSmoke(options({ webhookSecret: undefined, utilityCode: undefined }));
    expect(results.filter((r) => r.outcome === 'skip').map((r) => [r.name, r.detail])).toEqual([
      [
        'Event Grid validation handshake',
        'refused without the secret (401); give --webhook-secret to check the handshake',
      ],
      [
        'one work order end to end',
        'give --utility, --service-bus and --staff-token to send one test work order',
      ],
    ]);
    expect(results.filter((r) => r.outcome === 'fail')).toEqual([]);
  }, 60_000);

  it('fails the end-to-end check when the work order is rejected', async () => {
    const results = await runSmoke(options({ email: 'not-an-address' }));
    expect(results.find((r) => r.name === 'one work order end to end')).toMatchObject({
      outcome: 'fail',
      detail: expect.stringMatching(/^rejected: .*customer\.email/),
    });
  }, 60_000);

  it('fails the end-to-end check when the communication log cannot be read', async () => {
    const results = await runSmoke(
      options({ staffHeaders: { 'x-functions-key': rt.runtime.keys.function } }),
    );
    expect(results.find((r) => r.name === 'one work order end to end')).toMatchObject({
      outcome: 'fail',
      detail: 'communication log answered 401',
    });
  }, 60_000);
});

/** Stand-in apps, each breaking one condition a check is there to catch. */
describe('each smoke check fails when its condition is broken', () => {
  const stand: StandIn[] = [];
  afterAll(async () => {
    await Promise.all(stand.map((app) => app.close()));
  });

  const resultsAgainst = async (handler: Parameters<typeof standIn>[0]) => {
    const app = await standIn(handler);
    stand.push(app);
    return runSmoke({ baseUrl: app.url, webhookSecret: secret });
  };
  const outcomeOf = (results: readonly CheckResult[], name: string) => results.find((r) => r.name === name);

  it('health: an unset SMS sender reported by /api/health', async () => {
    const results = await resultsAgainst((request, response) =>
      request.url === '/api/health'
        ? json(response, 503, { status: 'unhealthy', problems: ['AcsSmsFrom: not set'] })
        : json(response, 404, {}),
    );
    expect(outcomeOf(results, 'health')).toEqual({
      name: 'health',
      outcome: 'fail',
      detail: '503: AcsSmsFrom: not set',
    });
  });

  it('OpenAPI: a document without paths', async () => {
    const results = await resultsAgainst((_request, response) =>
      json(response, 200, { openapi: '3.1.0', paths: {} }),
    );
    expect(outcomeOf(results, 'OpenAPI document')?.outcome).toBe('fail');
  });

  it('forged principal: an app that trusts x-ms-client-principal from anyone', async () => {
    const results = await resultsAgainst((request, response) =>
      json(response, request.headers['x-ms-client-principal'] ? 200 : 401, { cases: [] }),
    );
    expect(outcomeOf(results, 'forged x-ms-client-principal refused')).toMatchObject({
      outcome: 'fail',
      detail: 'forged ops principal answered 200: the staff APIs trust a header anyone can send',
    });
  });

  it('handshake: a webhook that answers without the secret', async () => {
    const results = await resultsAgainst((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const events = JSON.parse(body || '[{}]') as { data?: { validationCode?: string } }[];
        json(response, 200, { validationResponse: events[0]?.data?.validationCode });
      });
    });
    expect(outcomeOf(results, 'Event Grid validation handshake')).toMatchObject({
      outcome: 'fail',
      detail: 'without the webhook secret it answered 200, expected 401',
    });
  });

  it('handshake: a webhook that takes the secret but does not echo the code', async () => {
    const results = await resultsAgainst((request, response) => {
      request.resume();
      json(response, request.headers['x-webhook-secret'] === secret ? 200 : 401, {});
    });
    expect(outcomeOf(results, 'Event Grid validation handshake')?.outcome).toBe('fail');
  });

  it('Durable: a management API that answers without a key', async () => {
    const results = await resultsAgainst((request, response) =>
      request.url?.startsWith('/runtime/webhooks/durabletask')
        ? json(response, 200, [])
        : json(response, 401, {}),
    );
    expect(outcomeOf(results, 'Durable management API needs a key')).toMatchObject({
      outcome: 'fail',
      detail: 'answered 200 without a key: orchestration history is open to anyone',
    });
  });

  it('reports an unreachable app as failures, not a crash', async () => {
    const results = await runSmoke({ baseUrl: 'http://127.0.0.1:9', webhookSecret: secret });
    expect(results.filter((r) => r.outcome === 'fail').map((r) => r.name)).toHaveLength(5);
  });
});
