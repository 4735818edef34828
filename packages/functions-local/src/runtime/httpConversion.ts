import type { IncomingHttpHeaders } from 'node:http';
import type { RpcHttpData, RpcTypedData } from '../host';

export interface IncomingRequest {
  readonly method: string;
  /** Absolute URL as the client addressed it. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly params: Readonly<Record<string, string>>;
}

export interface OutgoingResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: Buffer;
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/**
 * The HTTP trigger payload the host sends the worker. The query is left to the library, which then
 * reads it from the URL: that keeps repeated keys (`?tag=a&tag=b`) that a flat map would lose.
 */
export function toHttpTrigger(request: IncomingRequest): RpcTypedData {
  return {
    http: {
      method: request.method,
      url: request.url,
      headers: flatHeaders(request.headers),
      params: { ...request.params },
      body: { bytes: request.body },
    },
  };
}

interface RpcCookie {
  readonly name?: string;
  readonly value?: string;
  readonly domain?: { value?: string | null } | null;
  readonly path?: { value?: string | null } | null;
  readonly expires?: { value?: { seconds?: number } | null } | null;
  readonly secure?: { value?: boolean | null } | null;
  readonly httpOnly?: { value?: boolean | null } | null;
  readonly sameSite?: 'none' | 'lax' | 'strict' | 'explicitNone';
  readonly maxAge?: { value?: number | null } | null;
}

const sameSiteAttribute = (sameSite: RpcCookie['sameSite']): string | undefined => {
  switch (sameSite) {
    case 'lax':
      return 'SameSite=Lax';
    case 'strict':
      return 'SameSite=Strict';
    case 'explicitNone':
      return 'SameSite=None';
    case 'none':
    case undefined:
      return undefined;
    default: {
      const unknownValue: never = sameSite;
      throw new Error(`unknown SameSite ${String(unknownValue)}`);
    }
  }
};

/** A `Set-Cookie` value (RFC 6265) from the worker's cookie shape. */
export function setCookieHeader(cookie: RpcCookie): string {
  const attributes = [`${cookie.name ?? ''}=${cookie.value ?? ''}`];
  if (cookie.domain?.value) attributes.push(`Domain=${cookie.domain.value}`);
  if (cookie.path?.value) attributes.push(`Path=${cookie.path.value}`);
  const expiresSeconds = cookie.expires?.value?.seconds;
  if (expiresSeconds !== undefined)
    attributes.push(`Expires=${new Date(expiresSeconds * 1000).toUTCString()}`);
  if (cookie.maxAge?.value !== undefined && cookie.maxAge.value !== null) {
    attributes.push(`Max-Age=${cookie.maxAge.value}`);
  }
  if (cookie.secure?.value) attributes.push('Secure');
  if (cookie.httpOnly?.value) attributes.push('HttpOnly');
  const sameSite = sameSiteAttribute(cookie.sameSite);
  if (sameSite) attributes.push(sameSite);
  return attributes.join('; ');
}

function bodyBytes(body: RpcTypedData | null | undefined): Buffer {
  if (!body) return Buffer.alloc(0);
  if (body.bytes) return Buffer.from(body.bytes);
  if (body.stream) return Buffer.from(body.stream);
  if (body.string !== undefined && body.string !== null) return Buffer.from(body.string);
  if (body.json !== undefined && body.json !== null) return Buffer.from(body.json);
  return Buffer.alloc(0);
}

/** The HTTP response for what the function returned; nothing returned answers 204 like the host. */
export function fromHttpResult(returnValue: RpcTypedData | null | undefined): OutgoingResponse {
  const http: RpcHttpData | null | undefined = returnValue?.http;
  if (!http) return { status: 204, headers: {}, body: Buffer.alloc(0) };
  const headers: Record<string, string | readonly string[]> = { ...(http.headers ?? {}) };
  const cookies = (http.cookies ?? []) as RpcCookie[];
  if (cookies.length > 0) headers['set-cookie'] = cookies.map(setCookieHeader);
  const status = Number(http.statusCode ?? 200);
  return { status: Number.isInteger(status) ? status : 200, headers, body: bodyBytes(http.body) };
}
