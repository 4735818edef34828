import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEasyAuth, type EasyAuth } from '../auth';
import { systemClock, type Clock, type ManualClock } from '../clock';
import {
  loadFunctionApp,
  type FunctionApp,
  type InvocationInput,
  type InvocationOutcome,
  type PluginContext,
  type RuntimePlugin,
} from '../host';
import { defaultConnectionSettings, provideHostClock } from '../resources';
import { bannerLines, summarizeFunctions, type FunctionSummary } from './banner';
import { functionKeys, keySettingNames, type FunctionKeys } from './authKeys';
import { keptKeys } from './keptKeys';
import { pendingOnEmbeddedBroker } from './brokerBacklog';
import { bindingProblems, createInvoker, type Invoker } from './bindingPipeline';
import { BlobBindings } from './blobBindings';
import { startEmbeddedParts, type EmbeddedPartName, type StartedPart } from './embeddedParts';
import { readHostConfig, type HostConfig } from './hostConfig';
import { createHttpHost, maxRequestBodyBytesOf, type MountedHandler } from './httpHost';
import { buildRouteTable, type RouteTable } from './httpRoutes';
import { groupByFunction, withoutFunctions, type FunctionInError } from './functionsInError';
import type { LocalRuntimeOptions } from './options';
import { createRuntimeLog, functionLogger, logPluginEntry, type RuntimeLog } from './runtimeLog';
import { ServiceBusConnections } from './serviceBusConnections';
import { ServiceBusTrigger } from './serviceBusTrigger';
import { applyToEnvironment, mergeSettings, readLocalSettings } from './settings';
import { TimerTrigger } from './timerTrigger';
import { planTriggers, type TriggerPlan } from './triggerPlan';

export interface LocalRuntime {
  start(): Promise<void>;
  /** Lets in-flight invocations finish, then releases ports, links and embedded parts. */
  stop(): Promise<void>;
  /** `http://127.0.0.1:<port>` once started. */
  readonly url: string;
  readonly port: number;
  /** The settings the app sees (also in `process.env` while the runtime runs). */
  readonly settings: Readonly<Record<string, string>>;
  readonly keys: FunctionKeys;
  readonly app: FunctionApp;
  readonly functions: readonly FunctionSummary[];
  /** Functions the host could not index (unknown or misconfigured bindings), with why; the rest run. */
  readonly inError: readonly FunctionInError[];
  readonly parts: readonly StartedPart[];
  readonly clock: Clock;
  /** The App Service Authentication emulation, unless `auth: false` (e.g. to sign a test user in). */
  readonly auth: EasyAuth | undefined;
  /** Invokes a function through the full binding pipeline (what plug-ins get as `invoke`). */
  invoke(functionName: string, input: InvocationInput): Promise<InvocationOutcome>;
  /**
   * Resolves once no timer or Service Bus invocation is running and no message of a triggered
   * queue on the embedded broker is left unsettled. HTTP requests are not waited for: a test's own
   * request may be waiting for the very clock that is waiting for idleness.
   */
  idle(): Promise<void>;
  /** Lines for a `func start`-like banner. */
  banner(): readonly string[];
}

interface Running {
  readonly url: string;
  readonly port: number;
  readonly settings: Record<string, string>;
  readonly keys: FunctionKeys;
  readonly auth: EasyAuth | undefined;
  readonly app: FunctionApp;
  readonly invoke: Invoker;
  readonly functions: readonly FunctionSummary[];
  readonly inError: readonly FunctionInError[];
  readonly parts: readonly StartedPart[];
  readonly timers: readonly TimerTrigger[];
  readonly serviceBusTriggers: readonly ServiceBusTrigger[];
  readonly plugins: readonly RuntimePlugin[];
  readonly cleanups: (() => Promise<void> | void)[];
  readonly server: Server;
  readonly requests: Set<Promise<void>>;
}

const enabledPart =
  (embedded: LocalRuntimeOptions['embedded']) =>
  (name: EmbeddedPartName): boolean =>
    embedded === undefined || embedded === true || (embedded !== false && embedded[name] !== false);

/** A dev signing key for this run only when none is configured (links then die with the process). */
const devLinkSigningKeys = (): string =>
  JSON.stringify([{ kid: 'local', secret: randomBytes(32).toString('base64url') }]);

async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/**
 * Parts may wait on unref'd timers while closing; without a handle of our own, a process with
 * nothing else to do would exit half-way through a shutdown.
 */
async function holdingProcessOpen(work: () => Promise<void>): Promise<void> {
  const holdOpen = setInterval(() => undefined, 60_000);
  try {
    await work();
  } finally {
    clearInterval(holdOpen);
  }
}

const closing = new WeakMap<Server, Promise<void>>();

/** Stops accepting connections and waits for the requests being served; safe to call twice. */
function closeServer(server: Server, requests: Set<Promise<void>>): Promise<void> {
  let closed = closing.get(server);
  if (!closed) {
    closed = drainServer(server, requests);
    closing.set(server, closed);
  }
  return closed;
}

async function drainServer(server: Server, requests: Set<Promise<void>>): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  while (requests.size > 0) await Promise.allSettled([...requests]);
  server.closeAllConnections();
  await closed;
}

/**
 * Indexes the app as the host does, one function at a time: functions whose bindings no part
 * serves, or whose settings are missing, are in error and left out; the rest are routed and planned.
 */
function indexFunctions(
  loaded: FunctionApp,
  plugins: readonly RuntimePlugin[],
  settings: Record<string, string>,
): { app: FunctionApp; routes: RouteTable; plan: TriggerPlan; inError: FunctionInError[] } {
  const failed = new Map<string, string[]>();
  // Two passes: leaving a function out cannot make another one fail, so the second pass is clean.
  for (let pass = 0; pass < 2; pass++) {
    const app = withoutFunctions(loaded, new Set(failed.keys()));
    const problems = bindingProblems(app.functions, plugins, settings);
    const routes = buildRouteTable(app.functions);
    if (!routes.ok) problems.push(...routes.error);
    const plan = planTriggers(app.functions, settings, plugins);
    if (!plan.ok) problems.push(...plan.error);
    const grouped = groupByFunction(problems);
    if (grouped.appProblems.length > 0) {
      throw new Error(`The function app cannot start:\n- ${grouped.appProblems.join('\n- ')}`);
    }
    for (const [name, reasons] of grouped.failed) failed.set(name, [...(failed.get(name) ?? []), ...reasons]);
    if (grouped.failed.size === 0 && routes.ok && plan.ok) {
      const inError = [...failed].map(([name, reasons]) => ({ name, reasons }));
      return { app, routes: routes.value, plan: plan.value, inError };
    }
  }
  throw new Error('The function app could not be indexed.');
}

/**
 * The local Functions host as a library: `createLocalRuntime(options)`, `await start()`, drive it
 * over HTTP or Service Bus, `await stop()`. The `npm start` CLI is a thin layer on top.
 */
export function createLocalRuntime(options: LocalRuntimeOptions): LocalRuntime {
  const clock = options.clock ?? systemClock;
  const log: RuntimeLog = createRuntimeLog(
    options.log ?? ((line) => process.stdout.write(`${line}\n`)),
    clock,
  );
  let running: Running | undefined;

  const current = (): Running => {
    if (!running) throw new Error('The local runtime is not started.');
    return running;
  };

  const idle = async (): Promise<void> => {
    const state = running;
    if (!state) return;
    await Promise.all([
      ...state.timers.map((t) => t.idle()),
      ...state.serviceBusTriggers.map((t) => t.idle()),
    ]);
  };

  async function start(): Promise<void> {
    if (running) throw new Error('The local runtime is already started.');
    const directory = options.directory ?? process.cwd();
    const cleanups: (() => Promise<void> | void)[] = [];
    try {
      running = await startUp(directory, cleanups);
    } catch (error) {
      await holdingProcessOpen(() => runCleanups(cleanups));
      throw error;
    }
    log.info('local runtime started', { url: running.url, functions: running.functions.length });
  }

  async function startUp(directory: string, cleanups: (() => Promise<void> | void)[]): Promise<Running> {
    const local = options.hermetic ? { ok: true as const, value: {} } : readLocalSettings(directory);
    if (!local.ok) throw new Error(local.error);
    const hostConfig = readHostConfig(directory);
    if (!hostConfig.ok) throw new Error(hostConfig.error);
    const settings = mergeSettings(
      options.defaultSettings ?? {},
      local.value,
      options.hermetic ? {} : process.env,
      options.settings ?? {},
    );

    // Listening first tells the app its own URL (PublicBaseUrl) before it loads.
    const requests = new Set<Promise<void>>();
    const mounts = new Map<string, MountedHandler>(Object.entries(options.mounts ?? {}));
    // Requests before the app is ready answer 503, as the host does while it starts.
    const serving: { handler?: ReturnType<typeof createHttpHost> } = {};
    const server = createServer((req, res) => {
      const handler = serving.handler;
      const work = (handler ? handler(req, res) : Promise.resolve(void res.writeHead(503).end())).catch(
        (error: unknown) => {
          log.error('http handler failed', {
            error: error instanceof Error ? error : new Error(String(error)),
          });
          if (!res.headersSent) res.writeHead(500).end();
        },
      );
      requests.add(work);
      void work.finally(() => requests.delete(work));
    });
    const port = await listen(server, options.port ?? 7071);
    cleanups.push(() => closeServer(server, requests));
    const url = `http://127.0.0.1:${port}`;

    const parts = await startEmbeddedParts(settings, enabledPart(options.embedded), {
      clock,
      log,
      resources: options.resources ?? {},
      connectionSettings: options.connectionSettings ?? defaultConnectionSettings,
      settings,
      ...(options.smsReplies === undefined ? {} : { smsReplies: options.smsReplies }),
      ...(options.queues === undefined ? {} : { queues: options.queues }),
      ...(options.stateDirectory === undefined ? {} : { stateDirectory: options.stateDirectory }),
    });
    cleanups.push(() => Promise.allSettled(parts.map((part) => part.stop())).then(() => undefined));
    for (const part of parts) {
      Object.assign(settings, part.settings);
      for (const [path, page] of part.pages) mounts.set(path, page);
    }
    settings['PublicBaseUrl'] ??= url;
    const kept = options.stateDirectory
      ? keptKeys(options.stateDirectory, settings, 'LinkSigningKeys')
      : undefined;
    settings['LinkSigningKeys'] ??= devLinkSigningKeys();
    const keys = functionKeys(settings);
    settings[keySettingNames.function] = keys.function;
    settings[keySettingNames.master] = keys.master;
    const authOptions = options.auth === false ? undefined : (options.auth ?? {});
    const auth = authOptions
      ? createEasyAuth(
          kept && authOptions.sessionKey === undefined
            ? { ...authOptions, sessionKey: kept.sessionKey }
            : authOptions,
          () => clock.now(),
        )
      : undefined;
    // App Service sets this when its authentication module is on; apps read it to trust the headers.
    if (auth) settings['WEBSITE_AUTH_ENABLED'] ??= 'True';

    const restoreEnvironment = applyToEnvironment(settings);
    cleanups.push(restoreEnvironment);
    provideHostClock({ now: () => new Date(clock.now()) });
    cleanups.push(() => provideHostClock(undefined));

    const loaded = await loadFunctionApp(options.app, functionLogger(log));
    const plugins = options.plugins ?? [];
    const { app, routes, plan, inError } = indexFunctions(loaded, plugins, settings);
    for (const fn of inError) {
      log.error('function is in error and will not run', {
        functionName: fn.name,
        reason: fn.reasons.join('; '),
      });
    }

    let connections: ServiceBusConnections | undefined;
    const serviceBus = (): ServiceBusConnections => (connections ??= new ServiceBusConnections(settings));
    cleanups.push(() => connections?.close());
    let blobBindings: BlobBindings | undefined;
    const blob = (): BlobBindings => (blobBindings ??= new BlobBindings(settings));
    const invoke = createInvoker({ app, plugins, settings, serviceBus, blob });

    // Registered before the plug-ins so it runs after they drained: the host calls appTerminate last.
    let appStarted = false;
    cleanups.push(() => (appStarted ? app.runAppTerminateHooks() : undefined));
    for (const plugin of plugins) {
      const context: PluginContext = {
        app,
        settings,
        clock,
        invoke,
        log: (entry) => logPluginEntry(log, plugin.name, entry),
      };
      await plugin.start(context);
      cleanups.push(() => plugin.stop());
    }

    await app.runAppStartHooks(directory);
    appStarted = true;
    serving.handler = createHttpHost({
      routes: routes,
      routePrefix: hostConfig.value.routePrefix,
      keys,
      invoke,
      log,
      mounts,
      maxRequestBodyBytes: maxRequestBodyBytesOf(settings),
      ...(auth ? { auth } : {}),
    });

    const state = startTriggers(parts, plan, hostConfig.value, serviceBus, invoke, cleanups);
    const functions = summarizeFunctions(plan, routes, hostConfig.value, url);
    const unregister = (clock as Partial<Pick<ManualClock, 'addQuiescence'>>).addQuiescence?.(idle);
    if (unregister) cleanups.push(unregister);
    return {
      url,
      port,
      settings,
      keys,
      auth,
      app,
      invoke,
      functions,
      inError,
      parts,
      ...state,
      plugins,
      cleanups,
      server,
      requests,
    };
  }

  function startTriggers(
    parts: readonly StartedPart[],
    plan: TriggerPlan,
    hostConfig: HostConfig,
    serviceBus: () => ServiceBusConnections,
    invoke: Invoker,
    cleanups: (() => Promise<void> | void)[],
  ): { timers: TimerTrigger[]; serviceBusTriggers: ServiceBusTrigger[] } {
    const serviceBusTriggers = plan.serviceBus.map(
      (entry) =>
        new ServiceBusTrigger(
          entry.fn,
          {
            entity: entry.entity,
            maxConcurrentCalls: hostConfig.serviceBus.maxConcurrentCalls,
            maxAutoLockRenewalMs: hostConfig.serviceBus.maxAutoLockRenewalMs,
            ...pendingOnEmbeddedBroker(entry.fn, entry.entity, parts),
          },
          serviceBus(),
          invoke,
          log,
        ),
    );
    const timers = plan.timers.map((entry) => new TimerTrigger(entry.fn, entry.schedule, clock, invoke, log));
    for (const trigger of serviceBusTriggers) {
      trigger.start();
      cleanups.push(() => trigger.stop());
    }
    for (const timer of timers) {
      timer.start();
      cleanups.push(() => timer.stop());
    }
    return { timers, serviceBusTriggers };
  }

  let stopping: Promise<void> | undefined;

  function stop(): Promise<void> {
    stopping ??= stopRunning().finally(() => (stopping = undefined));
    return stopping;
  }

  async function stopRunning(): Promise<void> {
    const state = running;
    if (!state) return;
    await holdingProcessOpen(() => shutDown(state));
    running = undefined;
    log.info('local runtime stopped');
  }

  async function shutDown(state: Running): Promise<void> {
    // In-flight work finishes first: HTTP stops accepting and drains, triggers stop taking work.
    await Promise.allSettled([
      closeServer(state.server, state.requests),
      ...state.timers.map((t) => t.stop()),
      ...state.serviceBusTriggers.map((t) => t.stop()),
    ]);
    await runCleanups(state.cleanups);
  }

  /**
   * Newest first: triggers and HTTP (already drained), then plug-ins, hooks, links and embedded
   * parts go, and the environment is put back. One failing step does not keep the rest from running.
   */
  async function runCleanups(cleanups: readonly (() => Promise<void> | void)[]): Promise<void> {
    for (const cleanup of [...cleanups].reverse()) {
      try {
        await cleanup();
      } catch (error) {
        log.warn('error while stopping', {
          error: error instanceof Error ? error : new Error(String(error)),
        });
      }
    }
  }

  return {
    start,
    stop,
    get url() {
      return current().url;
    },
    get port() {
      return current().port;
    },
    get settings() {
      return current().settings;
    },
    get keys() {
      return current().keys;
    },
    get app() {
      return current().app;
    },
    get functions() {
      return current().functions;
    },
    get inError() {
      return current().inError;
    },
    get parts() {
      return current().parts;
    },
    clock,
    get auth() {
      return current().auth;
    },
    invoke: (name, input) => current().invoke(name, input),
    idle,
    banner: () => {
      const state = current();
      return bannerLines({
        url: state.url,
        functions: state.functions,
        inError: state.inError,
        parts: state.parts,
        plugins: state.plugins,
        keys: state.keys,
      });
    },
  };
}
