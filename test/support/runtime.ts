import { randomBytes } from 'node:crypto';
import type { Database } from '@azure/cosmos';
import { ServiceBusClient } from '@azure/service-bus';
import {
  createLocalRuntime,
  DurableEngine,
  testSessionKey,
  type Clock,
  type LocalRuntime,
  type LocalRuntimeOptions,
  type Outbox,
  type RuntimePlugin,
  signedInAs as sessionOf,
} from '@fieldline/functions-local';
import { csrfCookieName, csrfHeaderName } from '../../functions/staff/csrf';
import { cosmosStore, createCosmosClient } from '../../shared/adapters/clients';
import { connectionSettings } from '../../shared/config/settingNames';
import { resources } from '../../shared/resources';
import { devSettings, smsReplyTarget } from '../../local-dev/devSettings';

/**
 * Test requests carry what a staff page leaves in a browser: the session the sign-in page made
 * (the package's `signedInAs`) and the page's CSRF token, as cookie and header.
 */
export function signedInAs(user: Parameters<typeof sessionOf>[0]): Readonly<Record<string, string>> {
  const token = randomBytes(32).toString('base64url');
  return { cookie: `${sessionOf(user).cookie}; ${csrfCookieName}=${token}`, [csrfHeaderName]: token };
}

export interface TestRuntimeOptions {
  /** The app's entry, e.g. `() => import('../../functions')` or a small test app. */
  readonly app: () => Promise<unknown> | unknown;
  readonly clock?: Clock;
  /** A Durable engine by default, so apps with orchestrations and durableClient inputs start. */
  readonly plugins?: readonly RuntimePlugin[];
  readonly settings?: Readonly<Record<string, string>>;
  /** Embedded parts to start (all by default; each only when its connection setting is absent). */
  readonly embedded?: LocalRuntimeOptions['embedded'];
  /** Queues of the embedded broker; those of `infra/resources.json` by default. */
  readonly queues?: LocalRuntimeOptions['queues'];
  /** Where host.json is read; the repository root by default. */
  readonly directory?: string;
  /** Receives the runtime's JSON log lines; dropped by default to keep test output quiet. */
  readonly log?: (line: string) => void;
}

export interface TestRuntime {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `fetch` relative to the runtime, e.g. `rt.fetch('/api/health')`. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  readonly settings: Readonly<Record<string, string>>;
  /** A client on the runtime's Service Bus connection (closed by `stop`). */
  serviceBusClient(): ServiceBusClient;
  /** The app's Cosmos database when the runtime has a Cosmos connection. */
  readonly cosmos?: Database;
  /** The outbox part (recorded email and SMS) when it runs. */
  readonly outbox?: Outbox;
  readonly clock: Clock;
  readonly runtime: LocalRuntime;
  /** The default Durable engine (absent when the test passed its own plug-ins). */
  readonly durable?: DurableEngine;
  stop(): Promise<void>;
}

/**
 * The local runtime in this process for an end-to-end test: free ports, the embedded parts the
 * settings do not replace, and nothing from the developer's environment or local.settings.json.
 */
export async function startTestRuntime(options: TestRuntimeOptions): Promise<TestRuntime> {
  const durable = options.plugins === undefined ? new DurableEngine() : undefined;
  const runtime = createLocalRuntime({
    app: options.app,
    port: 0,
    hermetic: true,
    log: options.log ?? (() => undefined),
    auth: { sessionKey: testSessionKey },
    resources,
    connectionSettings,
    defaultSettings: devSettings,
    smsReplies: smsReplyTarget,
    ...(options.directory === undefined ? {} : { directory: options.directory }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    plugins: options.plugins ?? (durable ? [durable] : []),
    // As the CLI does: management URLs point at the app's origin, which forwards them to the engine.
    ...(durable ? { mounts: { '/runtime/webhooks/durabletask': durable.handleHttp } } : {}),
    ...(options.settings === undefined ? {} : { settings: options.settings }),
    ...(options.embedded === undefined ? {} : { embedded: options.embedded }),
    ...(options.queues === undefined ? {} : { queues: options.queues }),
  });
  await runtime.start();
  const settings = runtime.settings;
  let serviceBus: ServiceBusClient | undefined;
  const cosmosClient = settings['CosmosDbConnection'] ? createCosmosClient(settings) : undefined;
  const outbox = runtime.parts.find((part) => part.name === 'outbox')?.handle as Outbox | undefined;

  return {
    url: runtime.url,
    fetch: (path, init) => fetch(`${runtime.url}${path}`, init),
    settings,
    serviceBusClient: () => {
      const connection = settings['ServiceBusConnection'];
      if (!connection) throw new Error('The test runtime has no ServiceBusConnection.');
      serviceBus ??= new ServiceBusClient(connection);
      return serviceBus;
    },
    ...(cosmosClient ? { cosmos: cosmosStore(cosmosClient).database } : {}),
    ...(outbox === undefined ? {} : { outbox }),
    clock: runtime.clock,
    runtime,
    ...(durable ? { durable } : {}),
    stop: async () => {
      await serviceBus?.close();
      cosmosClient?.dispose();
      await runtime.stop();
    },
  };
}
