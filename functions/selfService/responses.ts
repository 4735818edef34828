import type { HttpResponseInit } from '@azure/functions';

/**
 * Every self-service page: never cached (it shows one customer's appointment), never framed,
 * no referrer (the URL holds the token), scripts and styles only inline from us, uploads only to
 * the storage endpoint.
 */
export function htmlResponse(body: string, status = 200, uploadOrigin?: string): HttpResponseInit {
  const connect = ["'self'", uploadOrigin].filter(Boolean).join(' ');
  return {
    status,
    body,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self'; connect-src ${connect}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    },
  };
}

/** Post/redirect/get: a refreshed confirmation page never books twice. */
export const seeOther = (location: string): HttpResponseInit => ({
  status: 303,
  headers: { location, 'cache-control': 'no-store' },
});
