import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isPlatformIdentityHeader, meEntry, principalHeaders } from './clientPrincipal';
import { renderLoginPage, renderMessagePage } from './loginPage';
import { SessionUser, signSession, verifySession, type Session } from './sessionToken';

/**
 * App Service Authentication ("Easy Auth") in front of the local host, as the staff pages meet it
 * in Azure with Entra ID and "allow unauthenticated access":
 * - `/.auth/login/aad?post_login_redirect_uri=…` sends the browser to the sign-in page (here a
 *   local picker at `/.auth/login` instead of Entra), whose form posts to `/.auth/login/aad/callback`;
 *   the platform then sets its `AppServiceAuthSession` cookie and redirects
 *   (https://learn.microsoft.com/azure/app-service/configure-authentication-customize-sign-in-out);
 * - `/.auth/me` lists the session's claims; `/.auth/logout?post_logout_redirect_uri=…` ends it;
 * - on every other request the platform's identity headers a client sent are dropped and, with a
 *   session, set from it (https://learn.microsoft.com/azure/app-service/configure-authentication-user-identities).
 * Redirects go only to this origin: App Service allows other hosts only when listed in
 * `allowedExternalRedirectUrls`, which the local runtime has none of.
 */
export interface EasyAuthOptions {
  /** Users offered on the sign-in page with one click. */
  readonly demoUsers?: readonly SessionUser[];
  /** App roles offered as check boxes (free text when empty). */
  readonly roles?: readonly string[];
  /** Key the session tokens are MAC'd with; random for each start unless given (e.g. kept with state). */
  readonly sessionKey?: Buffer;
  /** App Service's default `cookieExpiration.timeToExpiration` is 08:00:00. */
  readonly sessionLifetimeMs?: number;
}

export interface EasyAuth {
  /** Answers `/.auth/…` requests; false for any other path. */
  handle(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
  /** Drops client-sent identity headers and sets the session's, as the platform does before the app runs. */
  authenticate(request: IncomingMessage): void;
  /** A session token (the cookie's value) for a user, e.g. for a test or tool signing in without the form. */
  sessionToken(user: SessionUser, expiresAt?: number): string;
  readonly sessionKey: Buffer;
}

export const sessionCookieName = 'AppServiceAuthSession';
const nonceCookieName = 'Nonce';
/** App Service accepts a session token in this header too (mobile and API clients). */
const sessionTokenHeader = 'x-zumo-auth';
const defaultLifetimeMs = 8 * 60 * 60 * 1000;
const maxFormBytes = 16 * 1024;

function cookies(request: IncomingMessage): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) jar.set(part.slice(0, index).trim(), part.slice(index + 1).trim());
  }
  return jar;
}

const sameText = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** The path-and-query to go to, or undefined when it leaves this origin. */
function sameOriginTarget(value: string | null, request: IncomingMessage): string | undefined {
  if (value === null || value === '') return undefined;
  const origin = `http://${request.headers.host ?? '127.0.0.1'}`;
  let target: URL;
  try {
    target = new URL(value, origin);
  } catch {
    return undefined;
  }
  return target.origin === new URL(origin).origin
    ? `${target.pathname}${target.search}${target.hash}`
    : undefined;
}

function send(
  response: ServerResponse,
  status: number,
  body: string,
  type: string,
  headers: Record<string, string | string[]> = {},
): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  response.end(body);
}

const html = 'text/html; charset=utf-8';
const text = 'text/plain; charset=utf-8';

const sessionCookie = (token: string): string =>
  `${sessionCookieName}=${token}; Path=/; HttpOnly; SameSite=Lax`;
const expiredCookie = (name: string, path: string): string =>
  `${name}=; Path=${path}; HttpOnly; SameSite=Lax; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT`;

async function readForm(request: IncomingMessage): Promise<URLSearchParams | 'tooLarge'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxFormBytes) return 'tooLarge';
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export function createEasyAuth(options: EasyAuthOptions, now: () => number): EasyAuth {
  const sessionKey = options.sessionKey ?? randomBytes(32);
  const lifetime = options.sessionLifetimeMs ?? defaultLifetimeMs;
  const demoUsers = options.demoUsers ?? [];
  const roles = options.roles ?? [];

  const sessionOf = (request: IncomingMessage): Session | undefined => {
    const header = request.headers[sessionTokenHeader];
    const token = (Array.isArray(header) ? header[0] : header) ?? cookies(request).get(sessionCookieName);
    return token ? verifySession(sessionKey, token, now()) : undefined;
  };

  const showLogin = (request: IncomingMessage, response: ServerResponse, url: URL, error?: string): void => {
    const redirect =
      sameOriginTarget(url.searchParams.get('post_login_redirect_uri'), request) ?? '/.auth/login/done';
    const nonce = randomBytes(16).toString('base64url');
    send(
      response,
      error ? 400 : 200,
      renderLoginPage({ demoUsers, roles, redirect, nonce, ...(error ? { error } : {}) }),
      html,
      {
        'set-cookie': `${nonceCookieName}=${nonce}; Path=/.auth; HttpOnly; SameSite=Lax; Max-Age=600`,
      },
    );
  };

  const callback = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') {
      // The platform's client-directed flow posts an Entra token as JSON; no token can be validated locally.
      send(response, 415, 'The local sign-in accepts only the sign-in page form.', text);
      return;
    }
    const origin = request.headers.origin;
    if (origin !== undefined && sameOriginTarget(origin, request) === undefined) {
      send(response, 403, 'Cross-origin sign-in refused.', text);
      return;
    }
    const form = await readForm(request);
    if (form === 'tooLarge') {
      send(response, 413, 'The sign-in form is too large.', text);
      return;
    }
    const expectedNonce = cookies(request).get(nonceCookieName);
    const nonce = form.get('nonce') ?? '';
    if (expectedNonce === undefined || !sameText(nonce, expectedNonce)) {
      showLogin(request, response, url, 'The sign-in page expired; sign in again.');
      return;
    }
    const requested = form.get('post_login_redirect_uri') ?? '/.auth/login/done';
    const redirect = sameOriginTarget(requested, request);
    if (redirect === undefined) {
      send(response, 400, 'post_login_redirect_uri must stay on this site.', text);
      return;
    }
    const user = SessionUser.safeParse({
      userId: form.get('userId')?.trim(),
      name: form.get('name')?.trim(),
      roles: [
        ...new Set(
          form
            .getAll('roles')
            .flatMap((value) => value.split(','))
            .map((r) => r.trim())
            .filter(Boolean),
        ),
      ],
    });
    if (!user.success) {
      const fields = user.error.issues.map((issue) => issue.path.join('.') || 'form').join(', ');
      showLogin(request, response, url, `Check these fields: ${fields}.`);
      return;
    }
    const token = signSession(sessionKey, user.data, now() + lifetime);
    response.writeHead(302, {
      location: redirect,
      'cache-control': 'no-store',
      'set-cookie': [sessionCookie(token), expiredCookie(nonceCookieName, '/.auth')],
    });
    response.end();
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? '127.0.0.1'}`);
    const path = url.pathname.replace(/\/+$/, '').toLowerCase();
    if (path !== '/.auth' && !path.startsWith('/.auth/')) return false;
    const method = (request.method ?? 'GET').toUpperCase();
    const get = method === 'GET' || method === 'HEAD';
    switch (path) {
      case '/.auth/login':
        if (get) showLogin(request, response, url);
        else send(response, 405, 'Method Not Allowed', text, { allow: 'GET' });
        return true;
      case '/.auth/login/aad': {
        if (!get) {
          send(response, 415, 'Client-directed sign-in with an Entra token is not emulated locally.', text);
          return true;
        }
        const target = new URL('/.auth/login', url);
        const redirect = url.searchParams.get('post_login_redirect_uri');
        if (redirect !== null) {
          if (sameOriginTarget(redirect, request) === undefined) {
            send(response, 400, 'post_login_redirect_uri must stay on this site.', text);
            return true;
          }
          target.searchParams.set('post_login_redirect_uri', redirect);
        }
        response.writeHead(302, {
          location: `${target.pathname}${target.search}`,
          'cache-control': 'no-store',
        });
        response.end();
        return true;
      }
      case '/.auth/login/aad/callback':
        if (method === 'POST') await callback(request, response, url);
        else send(response, 405, 'Method Not Allowed', text, { allow: 'POST' });
        return true;
      case '/.auth/login/done':
        send(
          response,
          200,
          renderMessagePage('Signed in', 'You are signed in.', { href: '/', label: 'Continue' }),
          html,
        );
        return true;
      case '/.auth/me': {
        const session = sessionOf(request);
        if (!session) send(response, 401, 'Unauthorized', text);
        else
          send(
            response,
            200,
            JSON.stringify([meEntry(session.user, session.expiresAt)]),
            'application/json; charset=utf-8',
          );
        return true;
      }
      case '/.auth/logout': {
        const requested = url.searchParams.get('post_logout_redirect_uri');
        const redirect = requested === null ? '/.auth/logout/complete' : sameOriginTarget(requested, request);
        if (redirect === undefined) {
          send(response, 400, 'post_logout_redirect_uri must stay on this site.', text);
          return true;
        }
        response.writeHead(302, {
          location: redirect,
          'cache-control': 'no-store',
          'set-cookie': expiredCookie(sessionCookieName, '/'),
        });
        response.end();
        return true;
      }
      case '/.auth/logout/complete':
        send(
          response,
          200,
          renderMessagePage('Signed out', 'You are signed out.', {
            href: '/.auth/login',
            label: 'Sign in again',
          }),
          html,
        );
        return true;
      default:
        send(response, 404, 'Not Found', text);
        return true;
    }
  };

  const authenticate = (request: IncomingMessage): void => {
    for (const name of Object.keys(request.headers)) {
      if (isPlatformIdentityHeader(name)) delete request.headers[name];
    }
    const session = sessionOf(request);
    if (session) Object.assign(request.headers, principalHeaders(session.user));
  };

  return {
    handle,
    authenticate,
    sessionToken: (user, expiresAt) => signSession(sessionKey, user, expiresAt ?? now() + lifetime),
    sessionKey,
  };
}
