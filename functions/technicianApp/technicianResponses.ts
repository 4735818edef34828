import type { Cookie, HttpResponseInit } from '@azure/functions';
import { staffSecurityHeaders } from '../staff/staffResponses';

const staffPolicy = staffSecurityHeaders['content-security-policy'] ?? '';

/**
 * The staff policy, with one more place the page may send to: the storage endpoint, because a
 * photo goes from the phone straight to its short-lived upload URL (a Put Blob), never through
 * the app. Nothing else is loosened; scripts, styles, workers and the manifest stay 'self'.
 */
export function technicianHeaders(uploadOrigin: string | undefined): Record<string, string> {
  const connect = ["'self'", uploadOrigin].filter((part) => part !== undefined).join(' ');
  return {
    ...staffSecurityHeaders,
    'content-security-policy': staffPolicy.replace("connect-src 'self'", `connect-src ${connect}`),
  };
}

export const technicianHtml = (
  body: string,
  uploadOrigin: string | undefined,
  cookies: readonly Cookie[],
): HttpResponseInit => ({
  status: 200,
  body,
  headers: { 'content-type': 'text/html; charset=utf-8', ...technicianHeaders(uploadOrigin) },
  ...(cookies.length === 0 ? {} : { cookies: [...cookies] }),
});
