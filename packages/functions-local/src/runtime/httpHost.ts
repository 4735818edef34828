import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { EasyAuth } from '../auth';
import { isAuthorized, type FunctionKeys } from './authKeys';
import type { Invoker } from './bindingPipeline';
import { fromHttpResult, toHttpTrigger, type OutgoingResponse } from './httpConversion';
import type { RouteTable } from './httpRoutes';
import type { RuntimeLog } from './runtimeLog';

/** A page or API the runtime serves next to the functions, e.g. `/dev/outbox`. */
export type MountedHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface HttpHostOptions {
  readonly routes: RouteTable;
  /** Without slashes; '' serves functions at the root. */
  readonly routePrefix: string;
  readonly keys: FunctionKeys;
  readonly invoke: Invoker;
  readonly log: RuntimeLog;
  /** Runs before everything else, as the platform's authentication module does. */
  readonly auth?: EasyAuth;
  /** Mounted handlers by path prefix; checked before the function routes. */
  readonly mounts: ReadonlyMap<string, MountedHandler>;
  /** The most bytes of a request body the host reads (`FUNCTIONS_REQUEST_BODY_SIZE_LIMIT`). */
  readonly maxRequestBodyBytes?: number;
}

/**
 * The host's own cap on a request body: the `FUNCTIONS_REQUEST_BODY_SIZE_LIMIT` app setting, 100 MB
 * when unset (azure-functions-host, `HttpRequestBodySizeMiddleware` and
 * `ScriptConstants.DefaultMaxRequestBodySize`), enforced as Kestrel's `MaxRequestBodySize` is: a
 * declared Content-Length over it is answered 413 without reading the body, and a chunked body
 * stops being read once it passes the cap.
 */
export const requestBodySizeLimitSetting = 'FUNCTIONS_REQUEST_BODY_SIZE_LIMIT';
export const defaultMaxRequestBodyBytes = 104_857_600;

export function maxRequestBodyBytesOf(settings: Readonly<Record<string, string | undefined>>): number {
  const configured = Number(settings[requestBodySizeLimitSetting]);
  return Number.isSafeInteger(configured) && configured > 0 ? configured : defaultMaxRequestBodyBytes;
}

class BodyTooLarge extends Error {}

const plain = (status: number, text: string, headers: Record<string, string> = {}): OutgoingResponse => ({
  status,
  headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
  body: Buffer.from(text),
});

/**
 * The body up to `limit` bytes. Past it nothing more is kept: the rest is read and thrown away,
 * so memory stays at the cap while the client, still sending, gets its 413 instead of a reset.
 */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= limit) return void chunks.push(chunk);
      request.off('data', onData);
      chunks.length = 0;
      request.resume();
      reject(new BodyTooLarge());
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', reject);
  });
}

/**
 * The headers as App Service's front end forwards them: the address of the connection it accepted
 * appended to `X-Forwarded-For` after whatever the client sent, so an app that reads the last hop
 * reads the real peer here as there (https://learn.microsoft.com/azure/app-service/overview-access-restrictions#filter-by-http-header).
 */
function frontEndHeaders(request: IncomingMessage): IncomingMessage['headers'] {
  const peer = request.socket.remoteAddress;
  if (peer === undefined) return request.headers;
  const sent = request.headers['x-forwarded-for'];
  const given = Array.isArray(sent) ? sent.join(', ') : sent;
  return { ...request.headers, 'x-forwarded-for': given ? `${given}, ${peer}` : peer };
}

const declaredLength = (request: IncomingMessage): number => Number(request.headers['content-length'] ?? NaN);

function write(response: ServerResponse, outgoing: OutgoingResponse): void {
  response.statusCode = outgoing.status;
  for (const [name, value] of Object.entries(outgoing.headers)) response.setHeader(name, value);
  response.end(outgoing.body);
}

const underPrefix = (path: string, prefix: string): boolean =>
  path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);

/** The path below the route prefix as decoded segments, or undefined outside the prefix. */
function functionPath(pathname: string, routePrefix: string): string[] | undefined {
  const prefix = routePrefix === '' ? '/' : `/${routePrefix}`;
  if (!underPrefix(pathname, prefix)) return undefined;
  const rest = pathname.slice(prefix.length);
  try {
    return rest
      .split('/')
      .filter((segment) => segment !== '')
      .map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/**
 * Serves the function app's HTTP triggers as the host does: route prefix and templates, method
 * filters (405 with `Allow`), auth levels with function/master keys (401), the request turned into
 * the trigger payload and the function's response written back; a throwing function answers 500.
 */
export function createHttpHost(options: HttpHostOptions) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const started = performance.now();
    const method = (request.method ?? 'GET').toUpperCase();
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? '127.0.0.1'}`);

    if (options.auth) {
      if (await options.auth.handle(request, response)) return;
      options.auth.authenticate(request);
    }

    for (const [prefix, handler] of options.mounts) {
      if (underPrefix(url.pathname, prefix)) {
        await handler(request, response);
        return;
      }
    }

    const segments = functionPath(url.pathname, options.routePrefix);
    const lookup = segments ? options.routes.lookup(method, segments) : ({ kind: 'notFound' } as const);
    switch (lookup.kind) {
      case 'notFound':
        write(response, plain(404, 'Not Found'));
        return;
      case 'methodNotAllowed':
        write(response, plain(405, 'Method Not Allowed', { allow: lookup.allowed.join(', ') }));
        return;
      case 'match':
        break;
      default: {
        const unknownLookup: never = lookup;
        throw new Error(`unknown route lookup ${JSON.stringify(unknownLookup)}`);
      }
    }

    const { route, params } = lookup;
    const headerKey = request.headers['x-functions-key'];
    const presentedKey =
      (Array.isArray(headerKey) ? headerKey[0] : headerKey) ?? url.searchParams.get('code');
    if (!isAuthorized(route.authLevel, options.keys, presentedKey ?? undefined)) {
      write(response, plain(401, 'Unauthorized'));
      options.log.info('http request refused', { functionName: route.fn.name, method, status: 401 });
      return;
    }

    const limit = options.maxRequestBodyBytes ?? defaultMaxRequestBodyBytes;
    if (declaredLength(request) > limit) {
      // Closing the connection is how a server refuses to read the rest (RFC 9110 §15.5.14).
      write(response, plain(413, 'Payload Too Large', { connection: 'close' }));
      options.log.info('http request refused', { functionName: route.fn.name, method, status: 413 });
      return;
    }
    let outgoing: OutgoingResponse;
    try {
      const body = await readBody(request, limit);
      const outcome = await options.invoke(route.fn.name, {
        trigger: toHttpTrigger({
          method,
          url: url.toString(),
          headers: frontEndHeaders(request),
          body,
          params,
        }),
      });
      outgoing = fromHttpResult(outcome.returnValue);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        write(response, plain(413, 'Payload Too Large'));
        options.log.info('http request refused', { functionName: route.fn.name, method, status: 413 });
        return;
      }
      options.log.error('http function failed', {
        functionName: route.fn.name,
        error: error instanceof Error ? error : new Error(String(error)),
      });
      outgoing = plain(500, 'Internal Server Error');
    }
    write(response, outgoing);
    options.log.info('http request', {
      functionName: route.fn.name,
      method,
      route: route.template.template,
      status: outgoing.status,
      durationMs: Math.round(performance.now() - started),
    });
  };
}
