import type { HttpHandler, HttpRequest, HttpResponseInit } from '@azure/functions';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Text worth compressing; below this size the headers cost more than the saving. */
const compressible = /^(text\/|image\/svg\+xml|application\/(json|javascript))/;
const minimumBytes = 512;

type Encoding = 'br' | 'gzip';

/** The best coding the client accepts with q > 0 (RFC 9110 §12.5.3), brotli first. */
export function preferredEncoding(acceptEncoding: string | null): Encoding | undefined {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q === undefined ? 1 : Number(q.slice(2)));
  }
  const allows = (name: Encoding) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (allows('br')) return 'br';
  if (allows('gzip')) return 'gzip';
  return undefined;
}

/**
 * The Functions host sends a response body as the worker gave it (Flex Consumption has no
 * front-end compression), so the customer pages compress their own HTML, CSS and script.
 */
export function compressed(handler: HttpHandler): HttpHandler {
  return async (request: HttpRequest, context) => {
    const response: HttpResponseInit = await handler(request, context);
    const headers = new Headers(response.headers as ConstructorParameters<typeof Headers>[0]);
    const type = headers.get('content-type') ?? '';
    if (typeof response.body !== 'string' || !compressible.test(type)) return response;
    const raw = Buffer.from(response.body, 'utf8');
    const encoding = preferredEncoding(request.headers.get('accept-encoding'));
    headers.set('vary', 'accept-encoding');
    if (encoding === undefined || raw.length < minimumBytes) return { ...response, headers };
    const body =
      encoding === 'br'
        ? brotliCompressSync(raw, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
          })
        : gzipSync(raw, { level: 6 });
    headers.set('content-encoding', encoding);
    return { ...response, body, headers };
  };
}
