import type { Cookie, HttpResponseInit } from '@azure/functions';

/**
 * Every staff screen: never cached (it shows people's work), never framed, HTTPS remembered for a
 * year, and a policy that runs only the app's own files: no inline script or style, no CDN.
 */
export const staffSecurityHeaders: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'content-security-policy':
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data: blob:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

export const staffHtml = (body: string, status = 200, cookies: readonly Cookie[] = []): HttpResponseInit => ({
  status,
  body,
  headers: { 'content-type': 'text/html; charset=utf-8', ...staffSecurityHeaders },
  ...(cookies.length === 0 ? {} : { cookies: [...cookies] }),
});

/** Post/redirect/get after a staff form, so a reload never re-sends an action. */
export const staffSeeOther = (location: string): HttpResponseInit => ({
  status: 303,
  headers: { location, 'cache-control': 'no-store' },
});

/** App Service Authentication's sign-in, coming back to the page that was asked for. */
export const signInRedirect = (pathAndQuery: string): HttpResponseInit => ({
  status: 302,
  headers: {
    location: `/.auth/login/aad?post_login_redirect_uri=${encodeURIComponent(pathAndQuery)}`,
    'cache-control': 'no-store',
  },
});
