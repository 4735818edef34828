import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, type Logger } from '../log';
import {
  emailOperationStatus,
  errorReply,
  sendEmail,
  sendSms,
  type JsonReply,
  type OperationContext,
} from './acsOperations';
import { FailurePlan, type PlannedFailure } from './failurePlan';
import { verifyHmacSignature } from './hmacSignature';
import type { OutboxMessage } from './outboxMessage';
import { renderOutboxPage } from './outboxPage';
import { openOutboxJournal } from './outboxJournal';
import { OutboxRecorder, type OutboxListener } from './outboxRecorder';
import { BoundedMap } from './boundedMap';

export interface OutboxOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Base64 access key clients must sign with; random by default. */
  readonly accessKey?: string;
  /** Stamps `at` on recorded messages; real time by default. */
  readonly clock?: { now(): number };
  /** Structured logs (no personal data); warnings to stderr by default. */
  readonly logger?: Logger;
  /** Keeps recorded messages in this JSON-lines file across restarts; in memory when absent. */
  readonly journalFile?: string;
  /**
   * How many of the most recent messages `messages()`, the page and the JSON list keep (1,000 by
   * default); older ones stay only in the journal file. Email operation statuses and SMS
   * repeatability results are kept for the 10× as many most recent sends.
   */
  readonly keep?: number;
}

export interface Outbox {
  /** `http://127.0.0.1:<port>/` */
  readonly endpoint: string;
  readonly accessKey: string;
  /** The `AcsConnection` app setting. */
  readonly connectionString: string;
  /** The most recent accepted messages (see `OutboxOptions.keep`), oldest first. */
  messages(): readonly OutboxMessage[];
  /** Forgets recorded messages and planned failures (a test's `beforeEach`). */
  clear(): void;
  /** Called synchronously for each accepted message; returns the unsubscribe function. */
  onMessage(listener: OutboxListener): () => void;
  /** Makes the next send to `to` fail with `status` (email: the send request; SMS: that recipient's result). */
  failNext(failure: PlannedFailure): void;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
/** Generous for email attachments, small enough that a runaway client cannot fill memory. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

class BodyTooLarge extends Error {}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function parseJson(body: Buffer): { readonly ok: true; readonly value: unknown } | { readonly ok: false } {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}

function sendJson(response: ServerResponse, reply: JsonReply): void {
  response.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
  response.end(JSON.stringify(reply.body));
}

function sendHtml(response: ServerResponse, html: string): void {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(html);
}

type AcsRoute =
  | { readonly kind: 'email-send' }
  | { readonly kind: 'email-status'; readonly operationId: string }
  | { readonly kind: 'sms-send' };
type Route = AcsRoute | { readonly kind: 'outbox-page' } | { readonly kind: 'outbox-json' };

function routeOf(method: string, pathname: string): Route | undefined {
  if (method === 'POST' && pathname === '/emails:send') return { kind: 'email-send' };
  if (method === 'POST' && pathname === '/sms') return { kind: 'sms-send' };
  const status = /^\/emails\/operations\/([^/]+)$/.exec(pathname);
  if (method === 'GET' && status?.[1] !== undefined)
    return { kind: 'email-status', operationId: decodeURIComponent(status[1]) };
  if (method === 'GET' && pathname === '/dev/outbox') return { kind: 'outbox-page' };
  if (method === 'GET' && pathname === '/dev/outbox.json') return { kind: 'outbox-json' };
  return undefined;
}

/**
 * Azure Communication Services' email and SMS REST surface on loopback, for the real SDK clients:
 * requests must carry a valid access-key signature, and every accepted message is recorded instead
 * of delivered. The recorded messages are also served as a page and as JSON under `/dev/`.
 */
export async function startOutbox(options: OutboxOptions = {}): Promise<Outbox> {
  const accessKey = options.accessKey ?? randomBytes(32).toString('base64');
  const clock = options.clock ?? { now: () => Date.now() };
  const logger =
    options.logger ??
    createLogger(
      { write: (line) => process.stderr.write(`${line}\n`), minLevel: 'warn' },
      { component: 'outbox' },
    );
  const keep = options.keep ?? 1000;
  const recorder = new OutboxRecorder(keep, (error) => logger.error('outbox listener failed', { error }));
  const journal = options.journalFile ? openOutboxJournal(options.journalFile) : undefined;
  for (const message of journal?.restored ?? []) recorder.record(message);
  const failures = new FailurePlan();
  let endpoint = '';

  const context: OperationContext = {
    get endpoint() {
      return endpoint;
    },
    now: () => clock.now(),
    newId: randomUUID,
    failures,
    record: (message) => {
      journal?.append(message);
      recorder.record(message);
      logger.debug('outbox recorded a message', {
        channel: message.channel,
        messageId: message.id,
        linkCount: message.links.length,
      });
    },
    emailOperations: new BoundedMap(10 * keep),
    smsResults: new BoundedMap(10 * keep),
  };

  const handleAcs = (route: AcsRoute, request: IncomingMessage, url: URL, body: Buffer): JsonReply => {
    const signature = verifyHmacSignature(
      { method: request.method ?? '', url: request.url ?? '/', headers: request.headers, body },
      accessKey,
    );
    if (!signature.ok) {
      logger.warn('outbox rejected a request signature', { problem: signature.error, path: url.pathname });
      return errorReply(401, 'Denied', `Denied by the authentication policy (${signature.error}).`);
    }
    const apiVersion = url.searchParams.get('api-version');
    if (!apiVersion)
      return errorReply(400, 'MissingApiVersionParameter', 'The api-version query parameter is required.');
    switch (route.kind) {
      case 'email-status':
        return emailOperationStatus(context, route.operationId);
      case 'email-send':
      case 'sms-send': {
        const json = parseJson(body);
        if (!json.ok) return errorReply(400, 'BadRequest', 'The request body is not JSON.');
        const operationId = request.headers['operation-id'];
        return route.kind === 'email-send'
          ? sendEmail(
              context,
              json.value,
              apiVersion,
              typeof operationId === 'string' ? operationId : undefined,
            )
          : sendSms(context, json.value);
      }
      default: {
        const unreachable: never = route;
        throw new Error(`unknown route ${JSON.stringify(unreachable)}`);
      }
    }
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', endpoint);
    const route = routeOf(request.method ?? '', url.pathname);
    if (route === undefined) return sendJson(response, errorReply(404, 'NotFound', 'No such outbox route.'));
    switch (route.kind) {
      case 'outbox-page':
        return sendHtml(response, renderOutboxPage(recorder.messages()));
      case 'outbox-json':
        return sendJson(response, { status: 200, body: recorder.messages() });
      case 'email-send':
      case 'email-status':
      case 'sms-send':
        return sendJson(response, handleAcs(route, request, url, await readBody(request)));
      default: {
        const unreachable: never = route;
        throw new Error(`unknown route ${JSON.stringify(unreachable)}`);
      }
    }
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof BodyTooLarge) {
        sendJson(response, errorReply(413, 'RequestEntityTooLarge', 'The request body is too large.'));
        return;
      }
      logger.error('outbox request failed', { error });
      if (!response.headersSent) sendJson(response, errorReply(500, 'InternalError', 'The outbox failed.'));
      else response.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  endpoint = `http://${HOST}:${(server.address() as AddressInfo).port}/`;

  let stopped: Promise<void> | undefined;
  return {
    endpoint,
    accessKey,
    connectionString: `endpoint=${endpoint};accesskey=${accessKey}`,
    messages: () => recorder.messages(),
    clear: () => {
      recorder.clear();
      journal?.clear();
      failures.clear();
    },
    onMessage: (listener) => recorder.onMessage(listener),
    failNext: (failure) => failures.add(failure),
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        server.close(() => {
          journal?.close();
          resolve();
        });
        server.closeAllConnections();
      })),
  };
}
