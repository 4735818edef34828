import type { HttpRequest } from '@azure/functions';

/**
 * The host's own cap (`FUNCTIONS_REQUEST_BODY_SIZE_LIMIT`, set in infra/app/api.bicep): above
 * the largest route's cap (a 10 MB file in a form), so a file somewhat too large still gets the
 * upload form's own answer next to its field, and far below the host's 100 MB default, so a
 * stranger's huge post is refused (413) before the host reads it. Routes cap themselves lower.
 */
export const hostMaxRequestBodyBytes = 24 * 1024 * 1024;

export type BoundedBody =
  { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly reason: 'tooLarge' };

/** The 413 every route answers a body over its cap with; `connection: close` so the rest is not read. */
export const payloadTooLarge = (limit: number) => ({
  status: 413,
  headers: { connection: 'close', 'cache-control': 'no-store' },
  jsonBody: { errors: [{ path: '', message: `the body must be at most ${limit} bytes` }] },
});

/** A declared Content-Length over the cap: refused before a byte of the body is read. */
export function declaresTooMuch(request: HttpRequest, limit: number): boolean {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  return Number.isFinite(declared) && declared > limit;
}

/**
 * The request body, but never more than `limit` bytes of it: a declared Content-Length over the
 * cap is refused before reading, and a body without one (chunked) stops being read at the cap.
 * Callers check the link or principal first, so an unauthenticated caller is refused before this.
 */
export async function readBounded(request: HttpRequest, limit: number): Promise<BoundedBody> {
  if (declaresTooMuch(request, limit)) return { ok: false, reason: 'tooLarge' };
  const reader = request.body?.getReader();
  if (reader === undefined) return { ok: true, bytes: Buffer.alloc(0) };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return { ok: false, reason: 'tooLarge' };
    }
    chunks.push(value);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

/** JSON from a bounded body; undefined when it is not JSON. */
export function jsonOf(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The text fields of a form from a bounded body, parsed by the platform's own `Request`. */
export async function formFieldsOf(request: HttpRequest, bytes: Buffer): Promise<Map<string, string>> {
  const fields = new Map<string, string>();
  const form = await new Request('http://form.invalid/', {
    method: 'POST',
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
    body: bytes,
  })
    .formData()
    .catch(() => undefined);
  form?.forEach((value, key) => {
    if (typeof value === 'string') fields.set(key, value);
  });
  return fields;
}
