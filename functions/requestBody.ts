import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { z } from 'zod';
import { err, ok, type Result } from '../shared/result';
import { validate } from '../shared/validation';
import { readBounded, payloadTooLarge } from './boundedBody';
import { badRequest, errorResponse } from './http';

export type BodyKind = 'json' | 'form';

const mediaTypes: Readonly<Record<BodyKind, string>> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
};

const mediaTypeOf = (request: HttpRequest): string =>
  (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/** The body's bytes within `maxBytes` (see readBounded), or the route's 413. */
export async function boundedBytes(
  request: HttpRequest,
  maxBytes: number,
): Promise<Result<Buffer, HttpResponseInit>> {
  const body = await readBounded(request, maxBytes);
  return body.ok ? ok(body.bytes) : err(payloadTooLarge(maxBytes));
}

/**
 * A body of the kind the route takes, within its cap, decoded but not yet checked: 415 for any
 * other media type (a `text/plain` body is never parsed as JSON, which is what keeps a
 * cross-site "simple" form post from reaching a JSON route), 413 over the cap.
 */
export async function decodedBody(
  request: HttpRequest,
  options: { readonly kind: BodyKind; readonly maxBytes: number },
): Promise<Result<unknown, HttpResponseInit>> {
  if (mediaTypeOf(request) !== mediaTypes[options.kind])
    return err(errorResponse(415, `the body must be ${mediaTypes[options.kind]}`));
  const bytes = await boundedBytes(request, options.maxBytes);
  if (!bytes.ok) return bytes;
  const text = bytes.value.toString('utf8');
  if (options.kind === 'form') return ok(Object.fromEntries(new URLSearchParams(text).entries()));
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return err(badRequest([{ path: '', message: 'body must be JSON' }]));
  }
}

/** The decoded body checked against the route's schema: 400 with field paths for anything wrong. */
export async function parsedBody<S extends z.ZodType>(
  request: HttpRequest,
  schema: S,
  options: { readonly kind: BodyKind; readonly maxBytes: number },
): Promise<Result<z.infer<S>, HttpResponseInit>> {
  const raw = await decodedBody(request, options);
  if (!raw.ok) return raw;
  const parsed = validate(schema, raw.value);
  return parsed.ok ? parsed : err(badRequest(parsed.error));
}
