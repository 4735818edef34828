import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:https';
import { callHandler as call, readBody, type Listener } from './inProcessRequest';

/**
 * Azure's limits on a transactional batch: at most 100 operations and a 2 MB request
 * (https://learn.microsoft.com/azure/cosmos-db/transactional-batch, "Limitations").
 */
const maxOperations = 100;
const maxPayloadBytes = 2 * 1024 * 1024;

interface Operation {
  readonly operationType?: unknown;
  readonly id?: unknown;
  readonly partitionKey?: unknown;
  readonly ifMatch?: unknown;
  readonly resourceBody?: Record<string, unknown>;
}

/** Fields the server assigns; a restored document gets its own. */
const systemFields = new Set(['_rid', '_self', '_etag', '_ts', '_attachments']);
const withoutSystemFields = (document: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(document).filter(([key]) => !systemFields.has(key)));

const headerIsTrue = (request: IncomingMessage, name: string): boolean =>
  String(request.headers[name] ?? '').toLowerCase() === 'true';

/** The SDK sends a transactional batch as a POST to the container's documents, flagged atomic. */
const isTransactionalBatch = (request: IncomingMessage): boolean =>
  request.method === 'POST' &&
  headerIsTrue(request, 'x-ms-cosmos-is-batch-request') &&
  headerIsTrue(request, 'x-ms-cosmos-batch-atomic');

/** The value of a partition-key header or operation field (`["A"]`, `"A"`), as a string to compare. */
function partitionValue(raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  try {
    const parsed: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
    return JSON.stringify(Array.isArray(parsed) ? parsed : [parsed]);
  } catch {
    return undefined;
  }
}

/**
 * Lets every request through, except that a batch runs alone: it waits for the requests already
 * in the server to be answered and holds new ones back until it is, so no other write falls
 * between the batch's check of the stored documents and its writes (Azure runs a batch with
 * snapshot isolation within its partition).
 */
class Gate {
  #active = 0;
  #locked = false;
  #tail: Promise<unknown> = Promise.resolve();
  #wake: Array<() => void> = [];

  #notify(): void {
    for (const wake of this.#wake.splice(0)) wake();
  }

  #changed(): Promise<void> {
    return new Promise((resolve) => this.#wake.push(resolve));
  }

  async shared(): Promise<() => void> {
    while (this.#locked) await this.#changed();
    this.#active++;
    return () => {
      this.#active--;
      this.#notify();
    };
  }

  exclusive<T>(run: () => Promise<T>): Promise<T> {
    const turn = this.#tail.then(async () => {
      this.#locked = true;
      try {
        while (this.#active > 0) await this.#changed();
        return await run();
      } finally {
        this.#locked = false;
        this.#notify();
      }
    });
    this.#tail = turn.catch(() => undefined);
    return turn;
  }
}

/**
 * The embedded server runs a batch's operations one by one and keeps those before a failure
 * (`@vercel/cosmosdb-server`, `lib/handler/batch-documents.js`), answers 200 whatever happened,
 * marks only the operations after the failure 424, and never checks that they share the batch's
 * partition key. Azure commits all of a transactional batch or none of it, within one logical
 * partition, and answers a failed one 207 Multi-Status with the failing operation's own status
 * and 424 Failed Dependency for every other (https://learn.microsoft.com/azure/cosmos-db/transactional-batch;
 * the .NET SDK reads the 207 so, azure-cosmos-dotnet-v3 pull 947). This wraps the server's handler
 * so a batch behaves as Azure's: the operations are checked against the stored documents first,
 * in order (404 missing, 409 exists, 412 ETag, 400 another partition), and only a batch that
 * passes reaches the server. Should the server still refuse one of them, what it had applied is
 * put back from the documents read before (with new ETags, which only makes a later ETag check
 * stricter than Azure's). Patch operations are left to the server, which refuses them.
 */
export function emulateTransactionalBatch(server: Server): void {
  const [first] = server.listeners('request') as Listener[];
  if (!first) throw new Error('the Cosmos server has no request handler');
  const handler: Listener = first;
  const gate = new Gate();
  const partitionPaths = new Map<string, string>();

  const answer = (response: ServerResponse, status: number, body: unknown): void => {
    response.statusCode = status;
    response.setHeader('content-type', 'application/json');
    response.setHeader('x-ms-activity-id', randomUUID());
    response.setHeader('x-ms-request-charge', '0');
    response.end(JSON.stringify(body));
  };

  const failed = (operations: readonly Operation[], index: number, status: number) =>
    operations.map((_, at) => ({ statusCode: at === index ? status : 424, requestCharge: 0 }));

  async function partitionPathOf(
    collectionUrl: string,
    headers: IncomingMessage['headers'],
  ): Promise<string> {
    const known = partitionPaths.get(collectionUrl);
    if (known !== undefined) return known;
    const read = await call(handler, { method: 'GET', url: collectionUrl, headers: { host: headers.host } });
    const paths = (JSON.parse(read.body) as { partitionKey?: { paths?: string[] } }).partitionKey?.paths;
    const path = paths?.[0] ?? '/id';
    partitionPaths.set(collectionUrl, path);
    return path;
  }

  async function runBatch(request: IncomingMessage, response: ServerResponse, body: Buffer): Promise<void> {
    const docsUrl = (request.url ?? '').split('?')[0] ?? '';
    const collectionUrl = docsUrl.replace(/\/docs\/?$/, '');
    if (body.length > maxPayloadBytes) {
      answer(response, 413, { code: 'RequestEntityTooLarge', message: 'batch request exceeds 2 MB' });
      return;
    }
    let operations: Operation[];
    try {
      operations = JSON.parse(body.toString('utf8')) as Operation[];
    } catch {
      answer(response, 400, { code: 'BadRequest', message: 'batch body is not JSON' });
      return;
    }
    if (!Array.isArray(operations) || operations.length === 0 || operations.length > maxOperations) {
      answer(response, 400, {
        code: 'BadRequest',
        message: `a batch holds 1 to ${maxOperations} operations`,
      });
      return;
    }
    const batchKey = partitionValue(request.headers['x-ms-documentdb-partitionkey']);
    const field = (await partitionPathOf(collectionUrl, request.headers)).slice(1);
    const headers = {
      host: request.headers.host,
      'x-ms-documentdb-partitionkey': request.headers['x-ms-documentdb-partitionkey'],
    };
    const documentUrl = (id: string) => `${docsUrl}/${encodeURIComponent(id)}`;

    // What is stored under each id the batch touches, read once, then followed through the batch.
    const before = new Map<string, Record<string, unknown> | undefined>();
    const state = new Map<string, { exists: boolean; etag: string | undefined }>();
    for (const operation of operations) {
      const id = String(operation.id ?? operation.resourceBody?.['id'] ?? '');
      if (id === '' || before.has(id)) continue;
      // The server's point read fails on a missing document unless told not to compare partition
      // fields (`read-document.js`); the partition key header still selects the partition.
      const read = await call(handler, {
        method: 'GET',
        url: documentUrl(id),
        headers: { ...headers, 'x-ms-documentdb-query-enablecrosspartition': 'true' },
      });
      const stored = read.status === 200 ? (JSON.parse(read.body) as Record<string, unknown>) : undefined;
      before.set(id, stored);
      state.set(id, { exists: stored !== undefined, etag: stored?.['_etag'] as string | undefined });
    }

    for (const [index, operation] of operations.entries()) {
      const id = String(operation.id ?? operation.resourceBody?.['id'] ?? '');
      const type = String(operation.operationType ?? '');
      const bodyKey =
        operation.resourceBody === undefined ? undefined : partitionValue([operation.resourceBody[field]]);
      const operationKey = partitionValue(operation.partitionKey);
      const current = state.get(id) ?? { exists: false, etag: undefined };
      const etagFails =
        operation.ifMatch !== undefined && current.exists && operation.ifMatch !== current.etag;
      const otherPartition =
        (bodyKey ?? operationKey ?? batchKey) !== batchKey ||
        (operationKey !== undefined && operationKey !== batchKey);
      let status = 200;
      if (id === '' || otherPartition) status = 400;
      else if (type === 'Create') status = current.exists ? 409 : 201;
      else if (type === 'Upsert') status = etagFails ? 412 : 200;
      else if (type === 'Replace' || type === 'Delete' || type === 'Read' || type === 'Patch')
        status = !current.exists ? 404 : type !== 'Read' && etagFails ? 412 : 200;
      if (status >= 400) {
        answer(response, 207, failed(operations, index, status));
        return;
      }
      if (type === 'Create' || type === 'Upsert' || type === 'Replace' || type === 'Patch')
        state.set(id, { exists: true, etag: undefined });
      if (type === 'Delete') state.set(id, { exists: false, etag: undefined });
    }

    // Azure takes each operation's partition from the batch; the server reads it off the operation.
    const forwarded = operations.map((operation) => ({
      ...operation,
      partitionKey: operation.partitionKey ?? request.headers['x-ms-documentdb-partitionkey'],
    }));
    const ran = await call(handler, request, Buffer.from(JSON.stringify(forwarded)));
    const results = ran.status === 200 ? (JSON.parse(ran.body) as Array<{ statusCode: number }>) : undefined;
    const refused = results?.findIndex((result) => result.statusCode >= 400) ?? -1;
    if (results !== undefined && refused < 0) {
      answer(response, 200, results);
      return;
    }
    const written = new Set(
      operations
        .filter((operation) => operation.operationType !== 'Read')
        .map((operation) => String(operation.id ?? operation.resourceBody?.['id'] ?? '')),
    );
    for (const [id, stored] of before) {
      if (!written.has(id)) continue;
      await (stored === undefined
        ? call(handler, { method: 'DELETE', url: documentUrl(id), headers })
        : call(
            handler,
            {
              method: 'POST',
              url: docsUrl,
              headers: {
                ...headers,
                'content-type': 'application/json',
                'x-ms-documentdb-is-upsert': 'True',
              },
            },
            Buffer.from(JSON.stringify(withoutSystemFields(stored))),
          ));
    }
    if (results === undefined) answer(response, ran.status, JSON.parse(ran.body || '{}'));
    else answer(response, 207, failed(operations, refused, results[refused]?.statusCode ?? 500));
  }

  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (isTransactionalBatch(request)) {
      void readBody(request)
        .then((body) => gate.exclusive(() => runBatch(request, response, body)))
        .catch((error: unknown) => answer(response, 500, { message: String(error) }));
      return;
    }
    void gate.shared().then((release) => {
      const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
      (response as unknown as { end: (...args: unknown[]) => ServerResponse }).end = (...args: unknown[]) => {
        release();
        return end(...args);
      };
      handler(request, response);
    });
  });
}
