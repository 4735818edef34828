import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:https';
import { PassThrough } from 'node:stream';

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

interface Entry {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** base64 */
  readonly body: string;
}

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Queries are POSTs too, but change nothing. */
const changesData = (request: IncomingMessage): boolean =>
  writeMethods.has(request.method ?? '') &&
  request.headers['x-ms-documentdb-isquery'] === undefined &&
  !String(request.headers['content-type'] ?? '').startsWith('application/query+json');

/**
 * Headers that say what the write was. Preconditions (`if-match`) are left out: the write passed
 * them when it was made, and etags are new after a replay anyway.
 */
function replayHeaders(request: IncomingMessage): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value !== 'string') continue;
    if (name === 'content-type' || (name.startsWith('x-ms-') && name !== 'x-ms-date')) kept[name] = value;
  }
  return kept;
}

/** A request object the server's handler can read again: the same head, the buffered body. */
function replayableRequest(
  head: Pick<IncomingMessage, 'method' | 'url' | 'headers'>,
  body: Buffer,
): IncomingMessage {
  const stream = new PassThrough();
  stream.end(body);
  return Object.assign(stream, {
    method: head.method,
    url: head.url,
    headers: head.headers,
    httpVersion: '1.1',
  }) as unknown as IncomingMessage;
}

/**
 * Makes the embedded Cosmos DB (which keeps everything in memory) survive restarts: every write
 * it answers with success is appended to a journal and fsync'd before the answer leaves, and the
 * journal is replayed, in order, into a fresh server at start. Reads are served from memory as before.
 */
export async function journalWrites(server: Server, file: string, host: string): Promise<() => void> {
  const [handler] = server.listeners('request') as Listener[];
  if (!handler) throw new Error('the Cosmos server has no request handler');

  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line === '') continue;
      let entry: Entry;
      try {
        entry = JSON.parse(line) as Entry;
      } catch {
        continue; // a torn last line: that write was never answered
      }
      await new Promise<void>((resolve) => {
        const response = {
          statusCode: 200,
          finished: false,
          setHeader: () => undefined,
          end: () => resolve(),
        };
        handler(
          replayableRequest(
            { method: entry.method, url: entry.url, headers: { ...entry.headers, host } },
            Buffer.from(entry.body, 'base64'),
          ),
          response as unknown as ServerResponse,
        );
      });
    }
  }

  const fd = openSync(file, 'a');
  let closed = false;
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (!changesData(request)) {
      handler(request, response);
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
      (response as unknown as { end: (...args: unknown[]) => ServerResponse }).end = (...args: unknown[]) => {
        if (!closed && response.statusCode >= 200 && response.statusCode < 300) {
          const entry: Entry = {
            method: request.method ?? 'POST',
            url: request.url ?? '/',
            headers: replayHeaders(request),
            body: body.toString('base64'),
          };
          writeSync(fd, `${JSON.stringify(entry)}\n`);
          fsyncSync(fd);
        }
        return end(...args);
      };
      handler(replayableRequest(request, body), response);
    });
  });
  return () => {
    if (closed) return;
    closed = true;
    closeSync(fd);
  };
}
