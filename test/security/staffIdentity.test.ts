import { HttpRequest } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@fieldline/functions-local';
import { authenticate } from '../../functions/cases/access';
import { parsePrincipalHeader, principalHeader } from '../../shared/identity/principal';
import { signedInAs, startTestRuntime, type TestRuntime } from '../support/runtime';

/*
 * Findings 5 and 7: ops routes took one shared function key and had no actor; a principal could
 * name its own role claim type, so `groups=ops` was ops. Now only Entra app roles in the `roles`
 * claim count, only while App Service Authentication is on, and ops actions log who did them.
 */
const principal = (body: Record<string, unknown>) =>
  Buffer.from(JSON.stringify(body), 'utf8').toString('base64');
const objectId = { typ: 'http://schemas.microsoft.com/identity/claims/objectidentifier', val: 'u-1' };

describe('the roles a principal holds', () => {
  it('come from `roles` claims only, whatever role claim type the principal declares', () => {
    const groups = principal({
      auth_typ: 'aad',
      role_typ: 'groups',
      claims: [objectId, { typ: 'groups', val: 'ops' }],
    });
    expect(parsePrincipalHeader(groups)).toEqual({ ok: true, value: { userId: 'u-1', roles: [] } });
    const declared = principal({
      auth_typ: 'aad',
      role_typ: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role',
      claims: [
        objectId,
        { typ: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role', val: 'admin' },
      ],
    });
    expect(parsePrincipalHeader(declared)).toEqual({ ok: true, value: { userId: 'u-1', roles: [] } });
    const roles = principal({ auth_typ: 'aad', claims: [objectId, { typ: 'roles', val: 'ops' }] });
    expect(parsePrincipalHeader(roles)).toEqual({ ok: true, value: { userId: 'u-1', roles: ['ops'] } });
  });

  it('count for nothing while App Service Authentication is off: the header could be anyone’s', () => {
    const request = (value: string) =>
      new HttpRequest({
        url: 'https://app.test/api/ops/journeys',
        method: 'GET',
        headers: { [principalHeader]: value },
      });
    const ops = principal({ auth_typ: 'aad', claims: [objectId, { typ: 'roles', val: 'ops' }] });
    const groups = principal({
      auth_typ: 'aad',
      role_typ: 'groups',
      claims: [objectId, { typ: 'groups', val: 'ops' }],
    });
    expect(authenticate(request(ops), ['ops'], {}).ok && 'admitted').toBe(false);
    expect(authenticate(request(ops), ['ops'], { WEBSITE_AUTH_ENABLED: 'False' })).toMatchObject({
      ok: false,
      error: { status: 503 },
    });
    expect(authenticate(request(ops), ['ops'], { WEBSITE_AUTH_ENABLED: 'True' }).ok).toBe(true);
    expect(authenticate(request(groups), ['ops'], { WEBSITE_AUTH_ENABLED: 'True' })).toMatchObject({
      ok: false,
      error: { status: 403 },
    });
  });
});

describe('ops routes on the local runtime (Easy Auth emulation)', () => {
  let rt: TestRuntime;
  const logs: string[] = [];
  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('./support/opsTestApp'),
      clock: new ManualClock(new Date('2026-11-23T09:00:00Z')),
      log: (line) => logs.push(line),
    });
  }, 120_000);
  afterAll(() => rt?.stop());

  it('tells the app that authentication is on, as App Service does', () => {
    expect(rt.settings['WEBSITE_AUTH_ENABLED']).toBe('True');
  });

  it('refuse the function key and a forged principal, and every role but ops and admin', async () => {
    const list = (headers: Record<string, string>, query = '') =>
      rt.fetch(`/api/ops/journeys${query}`, { headers }).then((response) => response.status);
    expect(await list({})).toBe(401);
    expect(await list({ 'x-functions-key': rt.runtime.keys.function })).toBe(401);
    expect(await list({}, `?code=${rt.runtime.keys.master}`)).toBe(401);
    const forged = principal({ auth_typ: 'aad', claims: [objectId, { typ: 'roles', val: 'ops' }] });
    expect(await list({ [principalHeader]: forged })).toBe(401);
    for (const role of ['agent', 'dispatcher', 'technician'])
      expect(await list(signedInAs({ userId: `u-${role}`, roles: [role] }))).toBe(403);
    expect(await list(signedInAs({ userId: 'u-groups', roles: [] }))).toBe(403);
    expect(await list(signedInAs({ userId: 'u-ops', roles: ['ops'] }))).toBe(200);
    expect(await list(signedInAs({ userId: 'u-admin', roles: ['admin'] }))).toBe(200);
  });

  it('log the actor of every state-changing action by user id, without their name', async () => {
    const actor = signedInAs({ userId: 'ops-object-id-7', name: 'Olga Opsdottir', roles: ['ops'] });
    const answered = await rt.fetch('/api/ops/journeys/WO-NOPE-1/cancel', {
      method: 'POST',
      headers: { ...actor, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(answered.status).toBe(404);
    const line = logs.find((entry) => entry.includes('ops action requested'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ actorId: 'ops-object-id-7', workOrderId: 'WO-NOPE-1' });
    expect(logs.join('\n')).not.toContain('Olga');
  });
});
