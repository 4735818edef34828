import type { HttpResponseInit } from '@azure/functions';

/**
 * Every self-service page: never cached (it shows one customer's appointment), never framed, no
 * referrer (the URL holds the token). The policy allows no inline script or style at all: only the
 * app's own files (web/customer/assets), and uploads only to the storage endpoint.
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
      'content-security-policy': `default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; connect-src ${connect}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    },
  };
}

/** Post/redirect/get: Back and reload after any form show a page, never "resubmit the form?". */
export const seeOther = (location: string): HttpResponseInit => ({
  status: 303,
  headers: { location, 'cache-control': 'no-store' },
});
