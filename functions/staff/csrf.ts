import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Cookie, HttpRequest } from '@azure/functions';

/**
 * Staff browsers carry App Service Authentication's session as a cookie, which a browser attaches
 * to cross-site requests too. Every state-changing request made with that cookie must therefore
 * prove it came from one of our pages (OWASP CSRF cheat sheet, "signed double-submit" without a
 * server store, plus the Fetch Metadata / Origin check as defence in depth):
 * - a random token in an HttpOnly, SameSite=Strict cookie, echoed by the page in a form field or
 *   the `x-csrf-token` header: another site can neither read nor set it;
 * - the browser's `Origin` and `Sec-Fetch-Site`, when sent, must say same origin.
 */
export const csrfCookieName = 'fieldline-csrf';
export const csrfHeaderName = 'x-csrf-token';
export const csrfFieldName = 'csrf';
/** The cookie App Service Authentication keeps its session in; only requests carrying it are CSRF-able. */
export const platformSessionCookie = 'AppServiceAuthSession';

const tokenShape = /^[A-Za-z0-9_-]{43}$/;

export function cookieValue(request: HttpRequest, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

export const carriesBrowserSession = (request: HttpRequest): boolean =>
  cookieValue(request, platformSessionCookie) !== undefined;

/** The page's token: the one the browser already holds, or a new one to set with the page. */
export function csrfTokenFor(request: HttpRequest): { readonly token: string; readonly cookie?: Cookie } {
  const held = cookieValue(request, csrfCookieName);
  if (held !== undefined && tokenShape.test(held)) return { token: held };
  const token = randomBytes(32).toString('base64url');
  return {
    token,
    cookie: {
      name: csrfCookieName,
      value: token,
      path: '/',
      httpOnly: true,
      sameSite: 'Strict',
      secure: new URL(request.url).protocol === 'https:',
    },
  };
}

const same = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * Hosts, not origins: behind App Service's front end TLS ends before the worker, so the request
 * URL's scheme may be http while the browser's Origin says https.
 */
const hostOf = (origin: string): string | undefined => {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
};

/** Why a browser-session request is refused for where it came from, or undefined. */
export function originRefusal(request: HttpRequest): string | undefined {
  if (!carriesBrowserSession(request)) return undefined;
  const origin = request.headers.get('origin');
  if (origin !== null && hostOf(origin) !== new URL(request.url).host)
    return 'the request came from another site';
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') return 'the request came from another site';
  return undefined;
}

/** Why a browser-session request is refused for its token (`submitted`: field or header), or undefined. */
export function tokenRefusal(request: HttpRequest, submitted: string | undefined): string | undefined {
  if (!carriesBrowserSession(request)) return undefined;
  const held = cookieValue(request, csrfCookieName);
  if (held === undefined || submitted === undefined || !same(held, submitted))
    return 'the page that sent this is out of date (no valid CSRF token)';
  return undefined;
}
