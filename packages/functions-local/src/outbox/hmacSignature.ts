import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { err, ok, type Result } from '../result';

/** What the ACS access-key scheme signs: the request line, three headers and the body's hash. */
export interface SignedRequest {
  readonly method: string;
  /** Path and query exactly as received (`req.url`). */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

export type SignatureProblem =
  | 'missing-authorization'
  | 'malformed-authorization'
  | 'missing-signed-header'
  | 'content-hash-mismatch'
  | 'signature-mismatch';

const REQUIRED_SIGNED_HEADERS = ['x-ms-date', 'host', 'x-ms-content-sha256'] as const;
const AUTHORIZATION_PATTERN = /^HMAC-SHA256 SignedHeaders=([^&]+)&Signature=(.+)$/;

function header(request: SignedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * The client signs `pathname?searchParams` as `URL` re-serialises it, so the server must rebuild the
 * same form from the raw request line rather than sign `req.url` verbatim.
 */
function canonicalPathAndQuery(url: string): string {
  const parsed = new URL(url, 'http://outbox.invalid');
  const query = parsed.searchParams.toString();
  return query ? `${parsed.pathname}?${query}` : parsed.pathname;
}

/**
 * Checks an `Authorization: HMAC-SHA256 …` request against the base64 access key, as Communication
 * Services does. The date is not checked for freshness: a test clock may be days from real time.
 */
export function verifyHmacSignature(
  request: SignedRequest,
  accessKey: string,
): Result<true, SignatureProblem> {
  const authorization = header(request, 'authorization');
  if (authorization === undefined) return err('missing-authorization');
  const parts = AUTHORIZATION_PATTERN.exec(authorization);
  const signedHeaderList = parts?.[1];
  const signature = parts?.[2];
  if (signedHeaderList === undefined || signature === undefined) return err('malformed-authorization');

  const signedHeaders = signedHeaderList.toLowerCase().split(';');
  if (REQUIRED_SIGNED_HEADERS.some((name) => !signedHeaders.includes(name)))
    return err('missing-signed-header');
  const values = signedHeaders.map((name) => header(request, name));
  if (values.some((value) => value === undefined)) return err('missing-signed-header');

  const contentHash = createHash('sha256').update(request.body).digest('base64');
  if (header(request, 'x-ms-content-sha256') !== contentHash) return err('content-hash-mismatch');

  const stringToSign = `${request.method.toUpperCase()}\n${canonicalPathAndQuery(request.url)}\n${values.join(';')}`;
  const expected = createHmac('sha256', Buffer.from(accessKey, 'base64')).update(stringToSign).digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? ok(true)
    : err('signature-mismatch');
}
