import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs as sessionOf } from '@fieldline/functions-local';
import { encodePrincipal } from '../../shared/identity/principal';
import { sharedStaffAssets } from '../../web/staff/sharedAssets';
import { signedInAs, startTestRuntime, type TestRuntime } from '../support/runtime';

const newCase = {
  subject: 'Customer called about the visit',
  channel: 'phone',
  category: 'appointment',
  priority: 'normal',
};

describe('staff requests through App Service Authentication', () => {
  let rt: TestRuntime;

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('./support/staffTestApp'),
      embedded: { cosmos: true, blob: false, outbox: false },
    });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  const post = (headers: Record<string, string>, body: string, contentType = 'application/json') =>
    rt.fetch('/api/cases', {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': contentType, ...headers },
      body,
    });

  it('sends a visitor without a session to sign in, and back to the page they asked for', async () => {
    const response = await rt.fetch('/api/staff', { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(
      `/.auth/login/aad?post_login_redirect_uri=${encodeURIComponent('/api/staff')}`,
    );
  });

  it('gives a forged principal header no access: the platform strips it', async () => {
    const forged = encodePrincipal({ userId: 'mallory', roles: ['admin'] });
    const response = await rt.fetch('/api/staff', {
      redirect: 'manual',
      headers: { 'x-ms-client-principal': forged },
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toContain('/.auth/login/aad');
  });

  it('sends each role to its own area', async () => {
    const tech = await rt.fetch('/api/staff', {
      redirect: 'manual',
      headers: signedInAs({ userId: 'tech-1', roles: ['technician'] }),
    });
    expect(tech.status).toBe(303);
    expect(tech.headers.get('location')).toBe('/api/tech/');
    const agent = await rt.fetch('/api/staff', {
      redirect: 'manual',
      headers: signedInAs({ userId: 'agent-1', roles: ['agent'] }),
    });
    expect(agent.headers.get('location')).toBe('/api/agent/cases');
  });

  it('shows a signed-in person without a Fieldline role a 403 page that says so', async () => {
    const response = await rt.fetch('/api/staff', {
      redirect: 'manual',
      headers: signedInAs({ userId: 'visitor', roles: [] }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('You do not have access to this page');
  });

  it('refuses a state change made with the sign-in cookie but without the page’s CSRF token', async () => {
    const response = await post(sessionOf({ userId: 'agent-1', roles: ['agent'] }), JSON.stringify(newCase));
    expect(response.status).toBe(403);
    expect(JSON.stringify(await response.json())).toContain('CSRF');
  });

  it('refuses a state change whose Origin is another site, even with the token', async () => {
    const response = await post(
      { ...signedInAs({ userId: 'agent-1', roles: ['agent'] }), origin: 'https://evil.example' },
      JSON.stringify(newCase),
    );
    expect(response.status).toBe(403);
    expect(JSON.stringify(await response.json())).toContain('another site');
  });

  it('refuses JSON sent as text/plain with 415 instead of parsing it', async () => {
    const response = await post(
      signedInAs({ userId: 'agent-1', roles: ['agent'] }),
      JSON.stringify(newCase),
      'text/plain',
    );
    expect(response.status).toBe(415);
  });

  it('refuses a declared body over the cap with 413 before reading it', async () => {
    const response = await post(
      signedInAs({ userId: 'agent-1', roles: ['agent'] }),
      JSON.stringify({ ...newCase, note: 'x'.repeat(70 * 1024) }),
    );
    expect(response.status).toBe(413);
  });

  it('serves the shared staff files under their content hash, never sniffed', async () => {
    const response = await rt.fetch(sharedStaffAssets.css.path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/css');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect((await rt.fetch('/api/staff/assets/staff.0000.css')).status).toBe(404);
  });
});
