import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { err, ok, type Result } from '../result';
import { managementPayload } from './clientBinding';
import type { ClientError, ClientErrorKind, DurableEngine } from './engine';
import { isTerminal, runtimeStatuses } from './instance';
import type { InstanceQuery } from './store';
import { presentedKey } from './webhookAuth';

/** The engine operations the HTTP API serves (the engine itself, narrowed for this module). */
export type DurableApi = Pick<
  DurableEngine,
  | 'startNew'
  | 'raiseEvent'
  | 'terminate'
  | 'suspend'
  | 'resume'
  | 'purge'
  | 'purgeBy'
  | 'getStatus'
  | 'listStatus'
  | 'clientBinding'
  | 'isWebhookKey'
  | 'readEntity'
  | 'listEntities'
  | 'signalEntity'
>;

/** The client library calls `rpcBaseUrl` (/durabletask/); status URLs handed to users use the webhook path. */
const rpcPrefix = '/durabletask/';
const webhookPrefix = '/runtime/webhooks/durabletask/';
const prefixes = [rpcPrefix, webhookPrefix] as const;

interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

const statusOfError: Record<ClientErrorKind, number> = {
  notFound: 404,
  gone: 410,
  conflict: 409,
  badRequest: 400,
  notImplemented: 501,
  alreadyExists: 500,
};

/**
 * HttpApiHandler lets OrchestrationAlreadyExistsException fall through to its catch-all, which
 * answers 500 "Something went wrong while processing your request" with the exception's message.
 */
const fromError = (error: ClientError): Reply => ({
  status: statusOfError[error.kind],
  body:
    error.kind === 'alreadyExists'
      ? {
          Message: 'Something went wrong while processing your request',
          ExceptionMessage: error.message,
          ExceptionType: 'DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException',
        }
      : { Message: error.message },
});

const flag = z.enum(['true', 'false', 'True', 'False']).transform((v) => v.toLowerCase() === 'true');
const isoTime = z.iso.datetime({ offset: true }).transform((v) => Date.parse(v));

/** The query the host accepts on GET/DELETE /instances/ (unknown statuses are ignored, as the host does). */
const listQuerySchema = z.object({
  runtimeStatus: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => runtimeStatuses.find((known) => known.toLowerCase() === s.trim().toLowerCase()))
        .filter((s) => s !== undefined),
    )
    .optional(),
  createdTimeFrom: isoTime.optional(),
  createdTimeTo: isoTime.optional(),
  instanceIdPrefix: z.string().optional(),
  showInput: flag.optional(),
});

const statusQuerySchema = z.object({
  showHistory: flag.optional(),
  showHistoryOutput: flag.optional(),
  showInput: flag.optional(),
});

function parseQuery<S extends z.ZodType>(schema: S, params: URLSearchParams): Result<z.infer<S>, Reply> {
  const parsed = schema.safeParse(Object.fromEntries(params));
  if (parsed.success) return ok(parsed.data);
  return err({ status: 400, body: { Message: `Invalid query: ${z.prettifyError(parsed.error)}` } });
}

const toInstanceQuery = (q: z.infer<typeof listQuerySchema>): InstanceQuery => ({
  ...(q.runtimeStatus && q.runtimeStatus.length > 0 ? { runtimeStatus: q.runtimeStatus } : {}),
  ...(q.createdTimeFrom === undefined ? {} : { createdFrom: q.createdTimeFrom }),
  ...(q.createdTimeTo === undefined ? {} : { createdTo: q.createdTimeTo }),
  ...(q.instanceIdPrefix === undefined ? {} : { instanceIdPrefix: q.instanceIdPrefix }),
});

/** A JSON body as text (the engine stores inputs as JSON text); empty means none. */
function jsonBody(text: string): Result<string | undefined, Reply> {
  if (text.trim() === '') return ok(undefined);
  try {
    JSON.parse(text);
    return ok(text);
  } catch {
    return err({ status: 400, body: { Message: 'Invalid JSON content' } });
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The `reason` the client puts in the query; it writes the literal "undefined" when none is given. */
const reasonOf = (params: URLSearchParams): string | undefined => {
  const reason = params.get('reason');
  return reason === null || reason === 'undefined' ? undefined : reason;
};

const entityListQuerySchema = z.object({
  lastOperationTimeFrom: isoTime.optional(),
  lastOperationTimeTo: isoTime.optional(),
  fetchState: flag.optional(),
});

/** The state as the API answers it: the entity's JSON value, not its text. */
const stateValue = (state: string | undefined): unknown => (state === undefined ? null : JSON.parse(state));

/**
 * /entities/{name}[/{key}] as HttpApiHandler serves it: GET reads one entity (404 while it does not
 * exist) or lists an entity type; POST signals `?op=` (DELETE signals "delete") with a JSON body
 * when the content type says so, otherwise the text itself as the input.
 */
async function entityRoute(
  api: DurableApi,
  method: string,
  [name, key]: readonly (string | undefined)[],
  params: URLSearchParams,
  body: string,
  contentType: string | undefined,
): Promise<Reply> {
  if (name === undefined || name === '') return { status: 404 };
  if (method === 'GET' && key === undefined) {
    const query = parseQuery(entityListQuerySchema, params);
    if (!query.ok) return query.error;
    const records = await api.listEntities({
      name,
      ...(query.value.lastOperationTimeFrom === undefined
        ? {}
        : { lastOperationFrom: query.value.lastOperationTimeFrom }),
      ...(query.value.lastOperationTimeTo === undefined
        ? {}
        : { lastOperationTo: query.value.lastOperationTimeTo }),
    });
    return {
      status: 200,
      body: records.map((record) => ({
        entityId: { name: record.name, key: record.key },
        lastOperationTime: new Date(record.lastOperationAt).toISOString(),
        ...(query.value.fetchState ? { state: stateValue(record.state) } : {}),
      })),
    };
  }
  if (key === undefined) return { status: 404 };
  const entity = { name, key };
  if (method === 'GET') {
    const record = await api.readEntity(entity);
    return record ? { status: 200, body: stateValue(record.state) } : { status: 404 };
  }
  if (method !== 'POST' && method !== 'DELETE') return { status: 404 };
  const operation = method === 'DELETE' ? 'delete' : (params.get('op') ?? '');
  let input: string | undefined;
  if (body !== '') {
    const isJson = (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
    if (isJson) {
      const parsed = jsonBody(body);
      if (!parsed.ok) return { status: 400, body: { Message: 'Could not parse JSON content' } };
      input = parsed.value;
    } else {
      input = JSON.stringify(body);
    }
  }
  const signalled = await api.signalEntity(entity, operation, input);
  return signalled.ok ? { status: 202 } : fromError(signalled.error);
}

async function route(
  api: DurableApi,
  method: string,
  url: URL,
  body: string,
  key: string | undefined,
  contentType: string | undefined,
): Promise<Reply> {
  const prefix = prefixes.find((p) => url.pathname.startsWith(p));
  if (!prefix) return { status: 404 };
  // The webhooks are authorized by the host before the extension sees them; only the extension's
  // loopback RPC endpoint (HttpApiHandler's localHttpListener) takes no key.
  if (prefix === webhookPrefix && !api.isWebhookKey(key)) return { status: 401 };
  const segments = url.pathname
    .slice(prefix.length)
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s));
  const [collection, id, operation, eventName] = segments;
  const params = url.searchParams;

  if (collection === 'orchestrators' && id !== undefined && segments.length <= 3 && method === 'POST') {
    const input = jsonBody(body);
    if (!input.ok) return input.error;
    const started = await api.startNew(id, {
      ...(operation === undefined ? {} : { instanceId: operation }),
      ...(input.value === undefined ? {} : { input: input.value }),
    });
    if (!started.ok) return fromError(started.error);
    const payload = managementPayload(api.clientBinding(), started.value);
    return {
      status: 202,
      body: payload,
      headers: { Location: payload.statusQueryGetUri, 'Retry-After': '10' },
    };
  }
  if (collection === 'entities')
    return entityRoute(api, method, segments.slice(1), params, body, contentType);
  if (collection !== 'instances') return { status: 404 };

  if (id === undefined) {
    const query = parseQuery(listQuerySchema, params);
    if (!query.ok) return query.error;
    if (method === 'GET') {
      const list = await api.listStatus(toInstanceQuery(query.value), {
        ...(query.value.showInput === undefined ? {} : { showInput: query.value.showInput }),
      });
      return { status: 200, body: list };
    }
    if (method === 'DELETE') {
      // The host refuses a filtered purge without a lower bound rather than purging everything.
      if (query.value.createdTimeFrom === undefined) {
        return { status: 400, body: { Message: "Please provide value for 'createdTimeFrom' parameter." } };
      }
      const deleted = await api.purgeBy(toInstanceQuery(query.value));
      return deleted === 0 ? { status: 404 } : { status: 200, body: { instancesDeleted: deleted } };
    }
    return { status: 404 };
  }

  if (operation === undefined) {
    if (method === 'GET') {
      const query = parseQuery(statusQuerySchema, params);
      if (!query.ok) return query.error;
      const status = await api.getStatus(id, query.value);
      if (!status) return { status: 404 };
      if (isTerminal(status.runtimeStatus)) return { status: 200, body: status };
      return {
        status: 202,
        body: status,
        headers: { Location: url.toString(), 'Retry-After': '5' },
      };
    }
    if (method === 'DELETE') {
      const purged = await api.purge(id);
      return purged.ok ? { status: 200, body: { instancesDeleted: purged.value } } : fromError(purged.error);
    }
    return { status: 404 };
  }

  if (method !== 'POST') return { status: 404 };
  const done = (result: Result<void, ClientError>): Reply =>
    result.ok ? { status: 202 } : fromError(result.error);
  switch (operation.toLowerCase()) {
    case 'raiseevent': {
      if (eventName === undefined || segments.length !== 4) return { status: 404 };
      const input = jsonBody(body);
      if (!input.ok) return input.error;
      return done(await api.raiseEvent(id, eventName, input.value));
    }
    case 'terminate':
      return done(await api.terminate(id, reasonOf(params)));
    case 'suspend':
      return done(await api.suspend(id, reasonOf(params)));
    case 'resume':
      return done(await api.resume(id, reasonOf(params)));
    case 'rewind':
    case 'restart':
      return { status: 501, body: { Message: `${operation} is not implemented by the local engine.` } };
    default:
      return { status: 404 };
  }
}

/**
 * The Durable HTTP API the `durable-functions` client calls (and the management URLs point at),
 * answering with the status codes the Durable extension's HttpApiHandler uses.
 */
export function createDurableHttpHandler(
  api: DurableApi,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void (async (): Promise<Reply> => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
      const body = await readBody(req);
      return route(
        api,
        req.method ?? 'GET',
        url,
        body,
        presentedKey(url, req.headers),
        req.headers['content-type'],
      );
    })()
      .catch((error: unknown): Reply => ({ status: 500, body: { Message: String(error) } }))
      .then((reply) => {
        const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
        res.writeHead(reply.status, {
          ...(reply.body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
          ...reply.headers,
        });
        res.end(text);
      });
  };
}
