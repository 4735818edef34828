import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../shared/config';
import { signedInAs, startTestRuntime, type TestRuntime } from '../../support/runtime';

describe('local runtime with the Fieldline app', () => {
  let rt: TestRuntime;

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('../../../functions'),
      settings: { AcsSmsFrom: '+3225550100', SmsEventsWebhookSecret: 'ab'.repeat(20) },
    });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('hands the app a complete configuration without any settings file', () => {
    const loaded = loadConfig(rt.settings);
    expect(loaded.ok ? 'ok' : loaded.error).toBe('ok');
  });

  it('serves GET /api/health', async () => {
    const response = await rt.fetch('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('keeps the ops API behind an ops sign-in, which the function key does not replace', async () => {
    expect((await rt.fetch('/api/ops/journeys')).status).toBe(401);
    const keyed = await rt.fetch('/api/ops/journeys', {
      headers: { 'x-functions-key': rt.runtime.keys.function },
    });
    expect(keyed.status).toBe(401);
    const response = await rt.fetch('/api/ops/journeys', {
      headers: signedInAs({ userId: 'ops-1', roles: ['ops'] }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ journeys: [] });
  });
});
