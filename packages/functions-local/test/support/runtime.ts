import { ServiceBusClient } from '@azure/service-bus';
import type { Clock } from '../../src/clock';
import { DurableEngine } from '../../src/durable';
import type { RuntimePlugin } from '../../src/host';
import type { Outbox } from '../../src/outbox';
import { defaultConnectionSettings, type ResourceManifest } from '../../src/resources';
import { createLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../../src/runtime';
import { testSessionKey } from '../../src/testing';

export interface TestRuntimeOptions {
  readonly app: () => Promise<unknown> | unknown;
  readonly clock?: Clock;
  /** A Durable engine by default. */
  readonly plugins?: readonly RuntimePlugin[];
  readonly settings?: Readonly<Record<string, string>>;
  readonly embedded?: LocalRuntimeOptions['embedded'];
  readonly resources?: ResourceManifest;
  readonly queues?: LocalRuntimeOptions['queues'];
  readonly directory?: string;
  readonly log?: (line: string) => void;
}

export interface TestRuntime {
  readonly url: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  readonly settings: Readonly<Record<string, string>>;
  serviceBusClient(): ServiceBusClient;
  readonly outbox?: Outbox;
  readonly clock: Clock;
  readonly runtime: LocalRuntime;
  readonly durable?: DurableEngine;
  stop(): Promise<void>;
}

/** The Service Bus connection the package's test apps name. */
const serviceBusSetting = 'ServiceBusConnection';
const connectionSettings = {
  ...defaultConnectionSettings,
  serviceBus: {
    connectionString: serviceBusSetting,
    identity: `${serviceBusSetting}__fullyQualifiedNamespace`,
  },
};

/** A runtime in this process on free ports, hermetic, with sessions signed by `testSessionKey`. */
export async function startTestRuntime(options: TestRuntimeOptions): Promise<TestRuntime> {
  const durable = options.plugins === undefined ? new DurableEngine() : undefined;
  const runtime = createLocalRuntime({
    app: options.app,
    port: 0,
    hermetic: true,
    log: options.log ?? (() => undefined),
    auth: { sessionKey: testSessionKey },
    connectionSettings,
    plugins: options.plugins ?? (durable ? [durable] : []),
    // The Durable webhooks on the runtime's own port, as the CLI mounts them.
    ...(durable ? { mounts: { '/runtime/webhooks/durabletask': durable.handleHttp } } : {}),
    ...(options.directory === undefined ? {} : { directory: options.directory }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.settings === undefined ? {} : { settings: options.settings }),
    ...(options.embedded === undefined ? {} : { embedded: options.embedded }),
    ...(options.resources === undefined ? {} : { resources: options.resources }),
    ...(options.queues === undefined ? {} : { queues: options.queues }),
  });
  await runtime.start();
  const settings = runtime.settings;
  let serviceBus: ServiceBusClient | undefined;
  const outbox = runtime.parts.find((part) => part.name === 'outbox')?.handle as Outbox | undefined;
  return {
    url: runtime.url,
    fetch: (path, init) => fetch(`${runtime.url}${path}`, init),
    settings,
    serviceBusClient: () => {
      const connection = settings[serviceBusSetting];
      if (!connection) throw new Error(`The test runtime has no ${serviceBusSetting}.`);
      serviceBus ??= new ServiceBusClient(connection);
      return serviceBus;
    },
    ...(outbox === undefined ? {} : { outbox }),
    clock: runtime.clock,
    runtime,
    ...(durable ? { durable } : {}),
    stop: async () => {
      await serviceBus?.close();
      await runtime.stop();
    },
  };
}
