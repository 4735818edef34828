import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:https';
import { callHandler, replayableRequest, type Answer, type Listener } from './inProcessRequest';

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

/** Runs one journal entry through the server's handler in process. */
const send = (handler: Listener, host: string, entry: Entry): Promise<Answer> =>
  callHandler(
    handler,
    { method: entry.method, url: entry.url, headers: { ...entry.headers, host } },
    Buffer.from(entry.body, 'base64'),
  );

const jsonEntry = (method: string, url: string, body: unknown): Entry => ({
  method,
  url,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify(body)).toString('base64'),
});

// Fields the server assigns; a re-created resource gets its own.
const systemFields = new Set([
  '_rid',
  '_self',
  '_etag',
  '_ts',
  '_attachments',
  '_docs',
  '_sprocs',
  '_triggers',
  '_udfs',
  '_conflicts',
  '_colls',
  '_users',
]);
const withoutSystemFields = (resource: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(resource).filter(([key]) => !systemFields.has(key)));

async function list(
  handler: Listener,
  host: string,
  url: string,
  items: string,
): Promise<Record<string, unknown>[]> {
  const answer = await send(handler, host, { method: 'GET', url, headers: {}, body: '' });
  if (answer.status !== 200)
    throw new Error(`Cosmos journal compaction: GET ${url} answered ${answer.status}`);
  const parsed = JSON.parse(answer.body) as Record<string, unknown>;
  return (parsed[items] ?? []) as Record<string, unknown>[];
}

/**
 * Rewrites the journal as the writes that make today's data (each database, container and document
 * created once), so it grows with the data rather than with every write ever made. Done at start,
 * after the replay: written aside, fsync'd, then renamed over the old journal in one step.
 */
async function compact(handler: Listener, host: string, file: string, replayed: number): Promise<void> {
  const entries: Entry[] = [];
  for (const database of await list(handler, host, '/dbs', 'Databases')) {
    const dbId = encodeURIComponent(String(database.id));
    entries.push(jsonEntry('POST', '/dbs', withoutSystemFields(database)));
    for (const container of await list(handler, host, `/dbs/${dbId}/colls`, 'DocumentCollections')) {
      const collId = encodeURIComponent(String(container.id));
      entries.push(jsonEntry('POST', `/dbs/${dbId}/colls`, withoutSystemFields(container)));
      for (const document of await list(handler, host, `/dbs/${dbId}/colls/${collId}/docs`, 'Documents'))
        entries.push(jsonEntry('POST', `/dbs/${dbId}/colls/${collId}/docs`, withoutSystemFields(document)));
    }
  }
  if (entries.length >= replayed) return;
  const aside = `${file}.compact`;
  const out = openSync(aside, 'w');
  writeSync(out, entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
  fsyncSync(out);
  closeSync(out);
  renameSync(aside, file);
}

/**
 * Makes the embedded Cosmos DB (which keeps everything in memory) survive restarts: every write
 * it answers with success is appended to a journal and fsync'd before the answer leaves, and the
 * journal is replayed, in order, into a fresh server at start, then compacted. Reads are served from
 * memory as before.
 */
export async function journalWrites(server: Server, file: string, host: string): Promise<() => void> {
  const [handler] = server.listeners('request') as Listener[];
  if (!handler) throw new Error('the Cosmos server has no request handler');

  let replayed = 0;
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line === '') continue;
      let entry: Entry;
      try {
        entry = JSON.parse(line) as Entry;
      } catch {
        continue; // a torn last line: that write was never answered
      }
      await send(handler, host, entry);
      replayed++;
    }
  }
  if (replayed > 0) await compact(handler, host, file, replayed);

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
