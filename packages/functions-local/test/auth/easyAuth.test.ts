import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

const forged = Buffer.from(
  JSON.stringify({
    auth_typ: 'aad',
    claims: [
      { typ: 'roles', val: 'admin' },
      { typ: 'oid', val: 'mallory' },
    ],
  }),
).toString('base64');

const decodePrincipal = (value: string): { auth_typ: string; claims: { typ: string; val: string }[] } =>
  JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as {
    auth_typ: string;
    claims: { typ: string; val: string }[];
  };

/** The `name=value` pairs a browser would send back from a response's Set-Cookie headers. */
const cookiesFrom = (response: Response): string =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0] ?? '')
    .filter((pair) => !pair.endsWith('='))
    .join('; ');

describe('App Service Authentication emulation', () => {
  let rt: TestRuntime;

  beforeAll(async () => {
    rt = await startTestRuntime({ app: () => import('./whoAmIApp'), embedded: false });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  const signIn = async (fields: Record<string, string | string[]>, redirect = '/api/whoami') => {
    const start = await rt.fetch(`/.auth/login/aad?post_login_redirect_uri=${encodeURIComponent(redirect)}`, {
      redirect: 'manual',
    });
    expect(start.status).toBe(302);
    const page = await rt.fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
    expect(page.status).toBe(200);
    const html = await page.text();
    const nonce = /name="nonce" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const body = new URLSearchParams({ nonce, post_login_redirect_uri: redirect });
    for (const [name, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
    }
    return rt.fetch('/.auth/login/aad/callback', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesFrom(page) },
      body,
      redirect: 'manual',
    });
  };

  it('strips a principal a client sends when nobody is signed in', async () => {
    const response = await rt.fetch('/api/whoami', {
      headers: {
        'x-ms-client-principal': forged,
        'x-ms-client-principal-id': 'mallory',
        'X-MS-CLIENT-PRINCIPAL-NAME': 'mallory',
        'x-ms-client-principal-idp': 'aad',
        'x-ms-token-aad-access-token': 'forged',
      },
    });
    expect(await response.json()).toEqual({});
  });

  it('signs in from the picker, redirects back, and sets the principal from the session only', async () => {
    const callback = await signIn({ userId: 'u-42', name: 'Dana Dispatcher', roles: ['dispatcher', 'ops'] });
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/api/whoami');
    const sessionCookie = callback.headers.getSetCookie().find((c) => c.startsWith('AppServiceAuthSession='));
    expect(sessionCookie).toMatch(/HttpOnly/);
    expect(sessionCookie).toMatch(/SameSite=Lax/);

    const cookie = cookiesFrom(callback);
    const seen = (await (
      await rt.fetch('/api/whoami', {
        headers: { cookie, 'x-ms-client-principal': forged, 'x-ms-client-principal-id': 'mallory' },
      })
    ).json()) as Record<string, string>;
    expect(seen['x-ms-client-principal-id']).toBe('u-42');
    expect(seen['x-ms-client-principal-name']).toBe('Dana Dispatcher');
    expect(seen['x-ms-client-principal-idp']).toBe('aad');
    const principal = decodePrincipal(seen['x-ms-client-principal'] ?? '');
    expect(principal.auth_typ).toBe('aad');
    expect(principal.claims.filter((c) => c.typ === 'roles').map((c) => c.val)).toEqual([
      'dispatcher',
      'ops',
    ]);
    expect(principal.claims).toContainEqual({
      typ: 'http://schemas.microsoft.com/identity/claims/objectidentifier',
      val: 'u-42',
    });
    expect(principal.claims.some((c) => c.val === 'admin' || c.val === 'mallory')).toBe(false);

    const me = await rt.fetch('/.auth/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    const [entry] = (await me.json()) as { provider_name: string; user_id: string; user_claims: unknown[] }[];
    expect(entry?.provider_name).toBe('aad');
    expect(entry?.user_id).toBe('Dana Dispatcher');
    expect(entry?.user_claims).toContainEqual({ typ: 'roles', val: 'ops' });
  });

  it('signs out: the cookie is cleared and /.auth/me answers 401 without a session', async () => {
    const logout = await rt.fetch('/.auth/logout?post_logout_redirect_uri=/api/whoami', {
      redirect: 'manual',
    });
    expect(logout.status).toBe(302);
    expect(logout.headers.get('location')).toBe('/api/whoami');
    expect(logout.headers.getSetCookie()[0]).toMatch(/^AppServiceAuthSession=; .*Max-Age=0/);
    expect((await rt.fetch('/.auth/me')).status).toBe(401);
  });

  it('refuses a tampered session cookie as if there were none', async () => {
    const callback = await signIn({ userId: 'u-7', name: 'Tess', roles: 'technician' });
    const cookie = cookiesFrom(callback);
    const [body, mac] = cookie.replace('AppServiceAuthSession=', '').split('.');
    const promoted = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body ?? '', 'base64url').toString()), roles: ['admin'] }),
    ).toString('base64url');
    for (const bad of [`${promoted}.${mac}`, `${body}.${mac}x`, `${body}`]) {
      const response = await rt.fetch('/api/whoami', { headers: { cookie: `AppServiceAuthSession=${bad}` } });
      expect(await response.json()).toEqual({});
    }
  });

  it('refuses redirects off this site and a sign-in without the page nonce', async () => {
    const external = await rt.fetch('/.auth/login/aad?post_login_redirect_uri=https://evil.example/x', {
      redirect: 'manual',
    });
    expect(external.status).toBe(400);
    const page = await rt.fetch('/.auth/login');
    const nonce = /name="nonce" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const offSite = await rt.fetch('/.auth/login/aad/callback', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesFrom(page) },
      body: new URLSearchParams({
        nonce,
        userId: 'u',
        name: 'n',
        post_login_redirect_uri: '//evil.example/x',
      }),
      redirect: 'manual',
    });
    expect(offSite.status).toBe(400);
    const logout = await rt.fetch('/.auth/logout?post_logout_redirect_uri=https://evil.example', {
      redirect: 'manual',
    });
    expect(logout.status).toBe(400);

    const noNonce = await rt.fetch('/.auth/login/aad/callback', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ userId: 'u', name: 'n', nonce: 'guess' }),
      redirect: 'manual',
    });
    expect(noNonce.status).toBe(400);
    expect(noNonce.headers.getSetCookie().some((c) => c.startsWith('AppServiceAuthSession='))).toBe(false);

    const json = await rt.fetch('/.auth/login/aad', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ access_token: 'x' }),
    });
    expect(json.status).toBe(415);
  });

  it('names the missing fields when the form is incomplete', async () => {
    const response = await signIn({ userId: '', name: 'Nameless' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('userId');
  });

  it('accepts the session token in x-zumo-auth, as App Service does for API clients', async () => {
    const token = rt.runtime.auth?.sessionToken({ userId: 'api-1', name: 'API', roles: ['agent'] }) ?? '';
    const seen = (await (
      await rt.fetch('/api/whoami', { headers: { 'x-zumo-auth': token } })
    ).json()) as Record<string, string>;
    expect(seen['x-ms-client-principal-id']).toBe('api-1');
  });

  it('tells the app authentication is on', () => {
    expect(rt.settings['WEBSITE_AUTH_ENABLED']).toBe('True');
  });
});
