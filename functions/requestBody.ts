import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { z } from 'zod';
import { err, ok, type Result } from '../shared/result';
import { validate } from '../shared/validation';
import { badRequest, errorResponse } from './http';

export type BodyKind = 'json' | 'form';

const mediaTypes: Readonly<Record<BodyKind, string>> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
};

const mediaTypeOf = (request: HttpRequest): string =>
  (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/**
 * The body's bytes, never more than `maxBytes`: a declared length over the cap is refused before
 * a byte is read, and a stream that runs past it (chunked, or lying about its length) is cancelled
 * at the cap, so an oversized post costs this process at most `maxBytes` of memory.
 */
export async function boundedBytes(
  request: HttpRequest,
  maxBytes: number,
): Promise<Result<Buffer, HttpResponseInit>> {
  const tooLarge = () => err(errorResponse(413, `the body must be at most ${maxBytes} bytes`));
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge();
  if (request.body === null) return ok(Buffer.alloc(0));
  const reader = request.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return tooLarge();
    }
    chunks.push(Buffer.from(value));
  }
  return ok(Buffer.concat(chunks));
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
