import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { TimerQueue, type Clock, type ClockTimer } from '../clock';
import {
  fromTypedData,
  toTypedData,
  type FunctionDescriptor,
  type PluginContext,
  type RpcBindingInfo,
  type RpcTypedData,
  type RuntimeLogEntry,
  type RuntimePlugin,
} from '../host';
import { err, ok, type Result } from '../result';
import { takeBatch } from './batch';
import { clientBindingData, type ClientBindingData } from './clientBinding';
import { decideEpisode, endOfGeneration, episodeHistory, type Command, type TimerLimits } from './decide';
import { httpActivityName, sendDurableHttp } from './durableHttp';
import {
  entityBindingData,
  outgoingSignals,
  parseEntityBatchResult,
  responseMessage,
  type EntityBatchResult,
} from './entityBatch';
import { entityOfSchedulerId, schedulerIdOf, type EntityAddress } from './entityId';
import { nextEntityStep, type LockRequest, type OperationRequest } from './entityQueue';
import { newEntityRecord, type EntityRecord, type EntityRequest } from './entityRecord';
import type { EntityQuery, EntityStore } from './entityStore';
import { MemoryEntityStore } from './memoryEntityStore';
import { failureFromError, failureReason } from './failure';
import { EventType, historyEvent, type HistoryEvent } from './historyEvent';
import { createDurableHttpHandler } from './httpApi';
import { isTerminal, type InstanceRecord, type ParentLink } from './instance';
import * as lifecycle from './lifecycle';
import { MemoryInstanceStore } from './memoryStore';
import {
  parseReturnedState,
  parseThrownState,
  type DurableHttpRequest,
  type EpisodeResult,
} from './orchestratorState';
import type { InstanceQuery, InstanceStore } from './store';
import { toStatusPayload, type StatusOptions, type StatusPayload } from './statusView';
import { isWebhookAuthorized, webhookKeys, type WebhookKeys } from './webhookAuth';

export interface DurableEngineOptions {
  /** Defaults to an in-memory store (see memoryStore.ts for why that suits a dev/test host). */
  readonly store?: InstanceStore;
  /** Entity state and queues; in memory by default, like `store`. */
  readonly entityStore?: EntityStore;
  readonly taskHubName?: string;
  readonly connectionName?: string;
  /** Loopback port of the Durable HTTP API; 0 (default) picks a free one. */
  readonly port?: number;
  /**
   * Origin the management URLs point at, e.g. the local runtime's HTTP origin when it forwards
   * /runtime/webhooks/durabletask/ to `engine.handleHttp`; defaults to the engine's own origin.
   */
  readonly webhookOrigin?: string;
  /** As host.json `maxConcurrentActivityFunctions`. */
  readonly maxConcurrentActivities?: number;
  /** Defaults mirror the Azure Storage backend: 6-day maximum timer, 3-day segments. */
  readonly timerLimits?: TimerLimits;
  /**
   * host.json `overridableExistingInstanceStates`: whether starting an instance id that is still
   * running replaces it. The extension's default is NonRunningStates (DurableTaskOptions.cs,
   * `OverridableExistingInstanceStates = OverridableStates.NonRunningStates`).
   */
  readonly overridableExistingInstanceStates?: OverridableStates;
  /** host.json `httpSettings.defaultAsyncRequestSleepTimeMilliseconds`: callHttp's poll interval without Retry-After. */
  readonly defaultHttpAsyncSleepMs?: number;
  /** The `durabletask_extension` system key; else the setting (webhookAuth.ts), else a fresh one. */
  readonly systemKey?: string;
}

export const overridableStates = ['AnyState', 'NonRunningStates'] as const;
export type OverridableStates = (typeof overridableStates)[number];

export type ClientErrorKind =
  'notFound' | 'gone' | 'conflict' | 'badRequest' | 'notImplemented' | 'alreadyExists';
export interface ClientError {
  readonly kind: ClientErrorKind;
  readonly message: string;
}

export interface EngineStats {
  readonly episodes: number;
  /** History events handed to orchestrators, summed over episodes (each replay counts them all). */
  readonly replayedEvents: number;
  readonly orchestratorMs: number;
}

export interface EngineResidentState {
  readonly instanceLocks: number;
  readonly timers: number;
  readonly readyInstances: number;
  readonly readyEntities: number;
}

const day = 24 * 60 * 60 * 1000;
const defaultLimits: TimerLimits = { maxShortTimerMs: 6 * day, longTimerIntervalMs: 3 * day };
/**
 * ReplaySchema.V4 (numbered 3): compound actions, long-timer splitting, callHttp polling (V3) and
 * entity critical sections (`context.df.lock`, V4).
 */
const upperSchemaVersion = 3;
/** What the last entity of a lock set answers once every lock is held (the extension's wording). */
const lockAcquired = JSON.stringify({ result: JSON.stringify('Lock Acquisition Completed') });

const isoDuration = (ms: number): string => `PT${ms / 1000}S`;
const timerKey = (instanceId: string, executionId: string, taskId: number): string =>
  `${instanceId}\u0000${executionId}\u0000${taskId}`;

/**
 * The local Durable Functions engine. It keeps instance state in a store, replays each orchestrator
 * through the real `durable-functions` code with the binding data the host would send, turns the
 * returned actions into history, activities, timers and child instances, and serves the Durable HTTP
 * API that `df.getClient(context)` calls. State changes run one at a time under one lock, except
 * client starts (see `startNew`); activities run outside it, concurrently.
 */
export class DurableEngine implements RuntimePlugin {
  readonly name = 'durable';
  readonly triggerTypes = ['orchestrationTrigger', 'activityTrigger', 'entityTrigger'] as const;
  readonly inputBindingTypes = ['durableClient'] as const;

  readonly #store: InstanceStore;
  readonly #entities: EntityStore;
  readonly #readyEntities = new Set<string>();
  readonly #options: DurableEngineOptions;
  readonly #limits: TimerLimits;
  readonly #timers = new Map<string, ClockTimer>();
  /** Every Durable timer on one timer of the host's clock (see TimerQueue). */
  readonly #timerQueue = new TimerQueue(() => this.#clock());
  readonly #ready = new Set<string>();
  #context: PluginContext | undefined;
  #keys: WebhookKeys | undefined;
  #server: Server | undefined;
  #origin = '';
  #lock: Promise<unknown> = Promise.resolve();
  /** The tail of each instance's queue of create/purge steps; an entry goes when its queue empties. */
  readonly #instanceLocks = new Map<string, Promise<unknown>>();
  #busy = 0;
  #idleWaiters: (() => void)[] = [];
  #pumping = false;
  #activitySlots: number;
  #activityQueue: (() => void)[] = [];
  #unregisterQuiescence: (() => void) | undefined;
  #stats = { episodes: 0, replayedEvents: 0, orchestratorMs: 0 };

  constructor(options: DurableEngineOptions = {}) {
    this.#options = options;
    this.#store = options.store ?? new MemoryInstanceStore();
    this.#entities = options.entityStore ?? new MemoryEntityStore();
    this.#limits = {
      ...(options.timerLimits ?? defaultLimits),
      ...(options.defaultHttpAsyncSleepMs === undefined
        ? {}
        : { httpPollDefaultMs: options.defaultHttpAsyncSleepMs }),
    };
    this.#activitySlots = options.maxConcurrentActivities ?? 10;
  }

  get taskHubName(): string {
    return this.#options.taskHubName ?? 'TestHubName';
  }

  /** e.g. http://127.0.0.1:51234 */
  get origin(): string {
    return this.#origin;
  }

  get rpcBaseUrl(): string {
    return `${this.#origin}/durabletask/`;
  }

  get webhookBaseUrl(): string {
    return `${this.#options.webhookOrigin ?? this.#origin}/runtime/webhooks/durabletask`;
  }

  /** The durableClient binding data `df.getClient(context)` parses. */
  clientBinding(): ClientBindingData {
    return clientBindingData({
      taskHubName: this.taskHubName,
      connectionName: this.#options.connectionName ?? 'Storage',
      rpcBaseUrl: this.rpcBaseUrl,
      webhookBaseUrl: this.webhookBaseUrl,
      ...(this.#keys ? { systemKey: this.#keys.systemKey } : {}),
    });
  }

  /** The `durabletask_extension` system key the webhooks accept (besides the master key). */
  get systemKey(): string | undefined {
    return this.#keys?.systemKey;
  }

  isWebhookKey(key: string | undefined): boolean {
    return this.#keys !== undefined && isWebhookAuthorized(this.#keys, key);
  }

  /** Every durableClient input gets the same binding data: one task hub per engine. */
  resolveInput(_binding?: RpcBindingInfo, _fn?: FunctionDescriptor): RpcTypedData {
    return toTypedData(this.clientBinding());
  }

  describe(): readonly string[] {
    return [
      `Durable HTTP API: ${this.rpcBaseUrl} (task hub ${this.taskHubName})`,
      ...(this.#keys ? [`Durable webhooks system key (durabletask_extension): ${this.#keys.systemKey}`] : []),
    ];
  }

  /** Serves the Durable HTTP API (both /durabletask/ and /runtime/webhooks/durabletask/ paths). */
  readonly handleHttp = createDurableHttpHandler(this);

  async start(context: PluginContext): Promise<void> {
    this.#context = context;
    this.#keys = webhookKeys(context.settings, this.#options.systemKey);
    const server = createServer(this.handleHttp);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#options.port ?? 0, '127.0.0.1', () => resolve());
    });
    this.#server = server;
    this.#origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const clock = context.clock as Clock & { addQuiescence?: (wait: () => Promise<void>) => () => void };
    this.#unregisterQuiescence = clock.addQuiescence?.(() => this.waitForIdle());
    await this.#recover();
  }

  async stop(): Promise<void> {
    await this.waitForIdle();
    this.#timerQueue.clear();
    this.#timers.clear();
    this.#unregisterQuiescence?.();
    const server = this.#server;
    this.#server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  /** Resolves once no episode, activity or client operation is in progress or queued. */
  async waitForIdle(): Promise<void> {
    for (;;) {
      if (this.#busy === 0) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (this.#busy === 0) return;
      } else {
        await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
      }
    }
  }

  stats(): EngineStats {
    return { ...this.#stats };
  }

  getInstance(instanceId: string): Promise<InstanceRecord | undefined> {
    return this.#store.get(instanceId);
  }

  async history(instanceId: string): Promise<readonly HistoryEvent[]> {
    return (await this.#store.get(instanceId))?.execution.history ?? [];
  }

  async getStatus(instanceId: string, options: StatusOptions = {}): Promise<StatusPayload | undefined> {
    const record = await this.#store.get(instanceId);
    return record && toStatusPayload(record, options);
  }

  async listStatus(query: InstanceQuery, options: StatusOptions = {}): Promise<readonly StatusPayload[]> {
    const records = await this.#store.query(query);
    return [...records].sort((a, b) => a.createdAt - b.createdAt).map((r) => toStatusPayload(r, options));
  }

  /**
   * Starts an orchestration (`input` is JSON text, as the HTTP API receives it); an id may be reused
   * only once its previous instance finished. Accepted at once, as in Azure, where the client's start
   * "writes a message through the Durable Functions storage provider and then returns", the message
   * starting the orchestrator asynchronously
   * (https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-instance-management#start-instances);
   * DTFx's AzureStorageOrchestrationService.CreateTaskOrchestrationAsync reads the instance's status
   * against the dedupe statuses, writes it Pending and sends ExecutionStarted to a control queue,
   * with no orchestrator running in between. So the start takes only its own instance's lock, never
   * the engine lock that episodes hold: under the default NonRunningStates it writes an instance that
   * is absent or finished, which no episode, event or timer writes (they change running instances
   * only). Replacing a running instance (AnyState) ends that generation's timers and entity locks,
   * engine state, so that start joins the engine lock.
   */
  startNew(
    name: string,
    options: { instanceId?: string; input?: string } = {},
  ): Promise<Result<string, ClientError>> {
    const instanceId = options.instanceId ?? randomUUID().replace(/-/g, '');
    const replaceRunning = this.#replacesRunning();
    const create = async (): Promise<Result<string, ClientError>> => {
      const created = await this.#create(name, instanceId, options.input, undefined, replaceRunning);
      return created.ok ? ok(instanceId) : created;
    };
    if (replaceRunning) return this.#exclusive(create);
    this.#enter();
    return create().finally(() => this.#leave());
  }

  /**
   * Per-instance state the engine itself holds (the store aside): ids with a create/purge step
   * held or waiting, armed timers, instances and entities waiting for the pump. When idle, only
   * timers of instances that still wait on one remain.
   */
  resident(): EngineResidentState {
    return {
      instanceLocks: this.#instanceLocks.size,
      timers: this.#timers.size,
      readyInstances: this.#ready.size,
      readyEntities: this.#readyEntities.size,
    };
  }

  /** Events for unknown instances are refused; for finished ones, dropped (410 Gone). */
  raiseEvent(
    instanceId: string,
    eventName: string,
    input: string | undefined,
  ): Promise<Result<void, ClientError>> {
    return this.#exclusive(async () => {
      const record = await this.#store.get(instanceId);
      if (!record) return err({ kind: 'notFound', message: `No instance with ID '${instanceId}' found.` });
      if (isTerminal(record.status)) {
        this.#log('info', 'event to a finished instance dropped', {
          instanceId,
          eventName,
          status: record.status,
        });
        return err({
          kind: 'gone',
          message: `Instance '${instanceId}' is ${record.status}; the event was dropped.`,
        });
      }
      const now = this.#clock().now();
      await this.#store.put(lifecycle.deliver(record, lifecycle.eventRaised(eventName, input, now), now));
      this.#kick(instanceId);
      return ok(undefined);
    });
  }

  terminate(instanceId: string, reason?: string): Promise<Result<void, ClientError>> {
    return this.#whileRunning(instanceId, async (record) => {
      const next = lifecycle.terminate(record, reason, this.#clock().now());
      await this.#store.put(next);
      this.#cancelTimersOf(record);
      await this.#carryOut(next, endOfGeneration(instanceId, record.execution.criticalSection, []));
      if (record.parent) {
        const failure = {
          ErrorType: 'Terminated',
          ErrorMessage: reason ?? 'Terminated',
          IsNonRetriable: true,
        };
        await this.#notifyParent(
          record.parent,
          lifecycle.childOutcome(
            record.parent,
            {
              Reason: `Orchestration '${record.name}' was terminated`,
              Details: failure.ErrorMessage,
              FailureDetails: failure,
            },
            true,
            this.#clock().now(),
          ),
        );
      }
      this.#log('info', 'orchestration terminated', { instanceId, functionName: record.name });
    });
  }

  suspend(instanceId: string, reason?: string): Promise<Result<void, ClientError>> {
    return this.#whileRunning(instanceId, async (record) => {
      if (record.status !== 'Suspended')
        await this.#store.put(lifecycle.suspend(record, reason, this.#clock().now()));
    });
  }

  resume(instanceId: string, reason?: string): Promise<Result<void, ClientError>> {
    return this.#whileRunning(instanceId, async (record) => {
      if (record.status !== 'Suspended') return;
      await this.#store.put(lifecycle.resume(record, reason, this.#clock().now()));
      this.#kick(instanceId);
    });
  }

  /** Only finished instances are purged: purging a live one would orphan its work. */
  purge(instanceId: string): Promise<Result<number, ClientError>> {
    return this.#exclusive(() =>
      this.#forInstance(instanceId, async () => {
        const record = await this.#store.get(instanceId);
        if (!record) return err({ kind: 'notFound', message: `No instance with ID '${instanceId}' found.` });
        if (!isTerminal(record.status)) {
          return err({
            kind: 'conflict',
            message: `Instance '${instanceId}' is ${record.status}; only finished instances can be purged.`,
          });
        }
        await this.#store.delete(instanceId);
        return ok(1);
      }),
    );
  }

  purgeBy(query: InstanceQuery): Promise<number> {
    return this.#exclusive(async () => {
      const records = await this.#store.query(query);
      let deleted = 0;
      for (const { instanceId } of records) {
        // Read again under the instance's lock: a start may have reused the id since the query.
        const purged = await this.#forInstance(instanceId, async () => {
          const record = await this.#store.get(instanceId);
          return record !== undefined && isTerminal(record.status) && this.#store.delete(instanceId);
        });
        if (purged) deleted++;
      }
      return deleted;
    });
  }

  #clock(): Clock {
    if (!this.#context) throw new Error('The Durable engine has not been started.');
    return this.#context.clock;
  }

  #log(level: RuntimeLogEntry['level'], message: string, fields: Record<string, unknown> = {}): void {
    this.#context?.log({ level, message, component: 'durable', ...fields });
  }

  #enter(): void {
    this.#busy++;
  }

  #leave(): void {
    this.#busy--;
    if (this.#busy === 0) {
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const wake of waiters) wake();
    }
  }

  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.#enter();
    const run = this.#lock.then(work);
    this.#lock = run.catch(() => undefined);
    return run.finally(() => this.#leave());
  }

  /**
   * Runs `work` after every earlier step of the same instance id; other ids do not wait. Nested
   * only under the engine lock (one such chain at a time), never re-entered for the same id, and a
   * holder outside the engine lock never asks for it, so no two steps wait on each other.
   */
  #forInstance<T>(instanceId: string, work: () => Promise<T>): Promise<T> {
    const run = (this.#instanceLocks.get(instanceId) ?? Promise.resolve()).then(work);
    const tail = run.catch(() => undefined);
    this.#instanceLocks.set(instanceId, tail);
    void tail.then(() => {
      if (this.#instanceLocks.get(instanceId) === tail) this.#instanceLocks.delete(instanceId);
    });
    return run;
  }

  #replacesRunning(): boolean {
    return (this.#options.overridableExistingInstanceStates ?? 'NonRunningStates') === 'AnyState';
  }

  #whileRunning(
    instanceId: string,
    work: (record: InstanceRecord) => Promise<void>,
  ): Promise<Result<void, ClientError>> {
    return this.#exclusive(async () => {
      const record = await this.#store.get(instanceId);
      if (!record) return err({ kind: 'notFound', message: `No instance with ID '${instanceId}' found.` });
      if (isTerminal(record.status)) {
        return err({ kind: 'gone', message: `Instance '${instanceId}' is already ${record.status}.` });
      }
      await work(record);
      return ok(undefined);
    });
  }

  /**
   * Creates an instance record under the instance's lock. `replaceRunning` (AnyState) may end a
   * running generation, which touches engine state: only under the engine lock.
   */
  async #create(
    name: string,
    instanceId: string,
    input: string | undefined,
    parent: ParentLink | undefined,
    replaceRunning: boolean,
  ): Promise<Result<void, ClientError>> {
    const fn = this.#context?.app.get(name);
    if (!fn || fn.trigger.type !== 'orchestrationTrigger') {
      return err({
        kind: 'badRequest',
        message: `The function '${name}' doesn't exist or is not an orchestrator function.`,
      });
    }
    return this.#forInstance(instanceId, async () => {
      const existing = await this.#store.get(instanceId);
      const running = existing !== undefined && !isTerminal(existing.status);
      if (running && !replaceRunning) {
        // DTFx refuses with OrchestrationAlreadyExistsException (dedupe statuses Running, Pending,
        // ContinuedAsNew, Suspended: OverridableStates.cs ToDedupeStatuses).
        return err({
          kind: 'alreadyExists',
          message: `An Orchestration instance with the ID ${instanceId} already exists.`,
        });
      }
      // AnyState: the new execution replaces the running one; answers meant for the old execution
      // carry its execution id and are dropped on arrival.
      if (running) {
        this.#cancelTimersOf(existing);
        await this.#carryOut(existing, endOfGeneration(instanceId, existing.execution.criticalSection, []));
      }
      const record = lifecycle.createInstance({
        instanceId,
        executionId: randomUUID(),
        name: fn.name,
        input,
        now: this.#clock().now(),
        ...(parent ? { parent } : {}),
      });
      await this.#store.put(record);
      this.#log('info', 'orchestration scheduled', {
        instanceId,
        functionName: fn.name,
        reused: existing !== undefined,
      });
      this.#kick(instanceId);
      return ok(undefined);
    });
  }

  #kick(instanceId: string): void {
    this.#ready.add(instanceId);
    this.#startPump();
  }

  #kickEntity(schedulerId: string): void {
    this.#readyEntities.add(schedulerId);
    this.#startPump();
  }

  #startPump(): void {
    if (this.#pumping) return;
    this.#pumping = true;
    this.#enter();
    setImmediate(() => {
      void this.#pump();
    });
  }

  async #pump(): Promise<void> {
    try {
      for (;;) {
        const [next] = this.#ready;
        if (next !== undefined) {
          this.#ready.delete(next);
          await this.#exclusive(() => this.#episode(next)).catch((error: unknown) => {
            this.#log('error', 'orchestrator episode crashed', { instanceId: next, error: String(error) });
          });
          continue;
        }
        const [entity] = this.#readyEntities;
        if (entity === undefined) break;
        this.#readyEntities.delete(entity);
        await this.#exclusive(() => this.#entityTurn(entity)).catch((error: unknown) => {
          this.#log('error', 'entity batch crashed', { entityId: entity, error: String(error) });
        });
      }
    } finally {
      this.#pumping = false;
      this.#leave();
    }
  }

  /** One orchestrator episode for the instance; runs under the lock. */
  async #episode(instanceId: string): Promise<void> {
    const record = await this.#store.get(instanceId);
    if (!record || isTerminal(record.status) || record.status === 'Suspended') return;
    const batch = takeBatch(record.inbox, record.execution);
    if (batch.events.length === 0) {
      if (batch.rest.length !== record.inbox.length) await this.#store.put({ ...record, inbox: batch.rest });
      return;
    }
    const now = this.#clock().now();
    const history = episodeHistory(record.execution, batch.events, now);
    const result = await this.#runOrchestrator(record, history);
    const decision = decideEpisode({
      record: { ...record, inbox: batch.rest },
      batch: batch.events,
      now,
      result,
      limits: this.#limits,
      nextExecutionId: randomUUID(),
      isEntity: (name) => this.#isEntityFunction(name),
    });
    const next = decision.record;
    await this.#store.put(next);
    this.#cancelDroppedTimers(record, next);
    await this.#carryOut(next, decision.commands);
    if (next.status !== record.status) {
      this.#log(next.status === 'Failed' ? 'warn' : 'info', `orchestration ${next.status.toLowerCase()}`, {
        instanceId,
        functionName: record.name,
        ...(next.status === 'Failed' ? { reason: next.failureDetails?.ErrorMessage } : {}),
      });
    }
    if (next.generation !== record.generation) {
      this.#log('info', 'orchestration continued as new', {
        instanceId,
        functionName: record.name,
        generation: next.generation,
      });
    }
    if (!isTerminal(next.status) && next.inbox.length > 0) this.#kick(instanceId);
  }

  async #runOrchestrator(
    record: InstanceRecord,
    history: readonly HistoryEvent[],
  ): Promise<Result<EpisodeResult, string>> {
    const context = this.#context;
    const fn = context?.app.get(record.name);
    if (!context || !fn || fn.trigger.type !== 'orchestrationTrigger') {
      return err(`The function '${record.name}' doesn't exist or is not an orchestrator function.`);
    }
    // DurableOrchestrationBindingInfo, as the extension sends it to out-of-process workers.
    const binding = {
      history,
      input: record.input === undefined ? undefined : (JSON.parse(record.input) as unknown),
      instanceId: record.instanceId,
      isReplaying: history.some((e) => e.IsPlayed),
      parentInstanceId: record.parent?.instanceId,
      upperSchemaVersion,
      maximumShortTimerDuration: isoDuration(this.#limits.maxShortTimerMs),
      longRunningTimerIntervalDuration: isoDuration(this.#limits.longTimerIntervalMs),
      defaultHttpAsyncRequestSleepTimeMillseconds: this.#options.defaultHttpAsyncSleepMs ?? 30_000,
    };
    const started = performance.now();
    try {
      const outcome = await context.invoke(fn.name, { trigger: toTypedData(binding) });
      return parseReturnedState(fromTypedData(outcome.returnValue));
    } catch (error) {
      return parseThrownState(error);
    } finally {
      this.#stats.episodes++;
      this.#stats.replayedEvents += history.length;
      this.#stats.orchestratorMs += performance.now() - started;
    }
  }

  async #carryOut(record: InstanceRecord, commands: readonly Command[]): Promise<void> {
    const { instanceId } = record;
    const executionId = record.execution.executionId;
    for (const command of commands) {
      switch (command.type) {
        case 'runActivity':
          this.#runActivity(instanceId, executionId, command.taskId, command.name, command.input);
          break;
        case 'armTimer':
          this.#armTimer(instanceId, executionId, command.taskId, command.fireAt);
          break;
        case 'startSubOrchestration':
          await this.#startChild(record, command);
          break;
        case 'failAttempt':
          await this.#deliverLocked(instanceId, executionId, command.event);
          break;
        case 'notifyParent':
          await this.#notifyParent(command.parent, command.event);
          break;
        case 'sendEntity':
          await this.#sendToEntity(command.schedulerId, command.request);
          break;
        case 'callHttp':
          this.#runHttp(instanceId, executionId, command.taskId, command.request);
          break;
        default: {
          const unreachable: never = command;
          throw new Error(`Unknown command ${JSON.stringify(unreachable)}`);
        }
      }
    }
  }

  async #startChild(
    parent: InstanceRecord,
    command: Extract<Command, { type: 'startSubOrchestration' }>,
  ): Promise<void> {
    const link: ParentLink = {
      instanceId: parent.instanceId,
      executionId: parent.execution.executionId,
      taskScheduledId: command.taskId,
    };
    const input = command.input === undefined ? undefined : JSON.stringify(command.input);
    const created = await this.#create(
      command.name,
      command.instanceId,
      input,
      link,
      this.#replacesRunning(),
    );
    if (created.ok) return;
    const failure = {
      ErrorType: 'SubOrchestrationStartFailed',
      ErrorMessage: created.error.message,
      IsNonRetriable: false,
    };
    await this.#notifyParent(
      link,
      lifecycle.childOutcome(
        link,
        { Reason: created.error.message, Details: created.error.message, FailureDetails: failure },
        true,
        this.#clock().now(),
      ),
    );
  }

  /** Queues an answer for a generation, unless that generation is over; call under the lock. */
  async #deliverLocked(instanceId: string, executionId: string, event: HistoryEvent): Promise<void> {
    const record = await this.#store.get(instanceId);
    if (!record || isTerminal(record.status) || record.execution.executionId !== executionId) return;
    await this.#store.put(lifecycle.deliver(record, event, this.#clock().now()));
    this.#kick(instanceId);
  }

  #notifyParent(parent: ParentLink, event: HistoryEvent): Promise<void> {
    return this.#deliverLocked(parent.instanceId, parent.executionId, event);
  }

  #armTimer(instanceId: string, executionId: string, taskId: number, fireAt: number): void {
    const key = timerKey(instanceId, executionId, taskId);
    this.#timers.get(key)?.cancel();
    const timer = this.#timerQueue.setTimer(fireAt, () => {
      this.#timers.delete(key);
      const fired = historyEvent(EventType.TimerFired, this.#clock().now(), {
        TimerId: taskId,
        FireAt: new Date(fireAt).toISOString(),
      });
      void this.#exclusive(() => this.#deliverLocked(instanceId, executionId, fired));
    });
    this.#timers.set(key, timer);
  }

  #cancelDroppedTimers(before: InstanceRecord, after: InstanceRecord): void {
    const sameRun = before.execution.executionId === after.execution.executionId;
    for (const [id, task] of Object.entries(before.execution.openTasks)) {
      if (task.kind !== 'timer') continue;
      if (sameRun && after.execution.openTasks[Number(id)] !== undefined) continue;
      const key = timerKey(before.instanceId, before.execution.executionId, Number(id));
      this.#timers.get(key)?.cancel();
      this.#timers.delete(key);
    }
  }

  #cancelTimersOf(record: InstanceRecord): void {
    this.#cancelDroppedTimers(record, { ...record, execution: { ...record.execution, openTasks: {} } });
  }

  /** Runs an activity outside the lock; its answer is queued like any other event. */
  #runActivity(instanceId: string, executionId: string, taskId: number, name: string, input: unknown): void {
    this.#enter();
    void this.#activitySlot()
      .then(() => this.#invokeActivity(name, input))
      .then((event) =>
        this.#exclusive(() =>
          this.#deliverLocked(instanceId, executionId, { ...event, TaskScheduledId: taskId }),
        ),
      )
      .catch((error: unknown) =>
        this.#log('error', 'activity dispatch crashed', {
          instanceId,
          functionName: name,
          error: String(error),
        }),
      )
      .finally(() => {
        this.#releaseActivitySlot();
        this.#leave();
      });
  }

  async #invokeActivity(name: string, input: unknown): Promise<HistoryEvent> {
    const context = this.#context;
    const fn = context?.app.get(name);
    const now = (): number => this.#clock().now();
    if (!context || !fn || fn.trigger.type !== 'activityTrigger') {
      const failure = {
        ErrorType: 'FunctionNotFound',
        ErrorMessage: `The function '${name}' doesn't exist or is not an activity function.`,
        IsNonRetriable: true,
      };
      return historyEvent(EventType.TaskFailed, now(), {
        Reason: failureReason('Activity', name, failure),
        Details: failure.ErrorMessage,
        FailureDetails: failure,
      });
    }
    try {
      // Always JSON, as the extension sends activity inputs: a string input must not be re-parsed.
      const outcome = await context.invoke(fn.name, { trigger: { json: JSON.stringify(input ?? null) } });
      const value = fromTypedData(outcome.returnValue);
      return historyEvent(EventType.TaskCompleted, now(), { Result: JSON.stringify(value ?? null) });
    } catch (error) {
      const failure = failureFromError(error);
      return historyEvent(EventType.TaskFailed, now(), {
        Reason: failureReason('Activity', fn.name, failure),
        Details: failure.StackTrace ?? failure.ErrorMessage,
        FailureDetails: failure,
      });
    }
  }

  async #activitySlot(): Promise<void> {
    if (this.#activitySlots > 0) {
      this.#activitySlots--;
      return;
    }
    await new Promise<void>((resolve) => this.#activityQueue.push(resolve));
  }

  #releaseActivitySlot(): void {
    const next = this.#activityQueue.shift();
    if (next) next();
    else this.#activitySlots++;
  }

  #isEntityFunction(name: string): boolean {
    return this.#context?.app.get(name)?.trigger.type === 'entityTrigger';
  }

  /** Reads an entity's state (JSON text) as `readEntityState` and GET /entities/{name}/{key} do. */
  async readEntity(entity: EntityAddress): Promise<EntityRecord | undefined> {
    const record = await this.#entities.get(schedulerIdOf(entity));
    return record?.exists ? record : undefined;
  }

  async listEntities(query: EntityQuery): Promise<readonly EntityRecord[]> {
    const records = await this.#entities.query(query);
    return records.filter((record) => record.exists);
  }

  /**
   * A signal from a client (`signalEntity`, POST /entities/{name}/{key}?op=): queued for the entity,
   * refused when the app has no entity function of that name, as ThrowIfFunctionDoesNotExist does.
   */
  signalEntity(
    entity: EntityAddress,
    operation: string,
    input: string | undefined,
  ): Promise<Result<void, ClientError>> {
    return this.#exclusive(async () => {
      if (!this.#isEntityFunction(entity.name)) {
        return err({
          kind: 'badRequest',
          message: `The function '${entity.name}' doesn't exist, is disabled, or is not an entity function.`,
        });
      }
      await this.#sendToEntity(schedulerIdOf(entity), {
        kind: 'operation',
        id: randomUUID(),
        operation,
        signal: true,
        ...(input === undefined ? {} : { input }),
      });
      return ok(undefined);
    });
  }

  /** Queues a request for an entity; call under the lock. */
  async #sendToEntity(schedulerId: string, request: EntityRequest): Promise<void> {
    const address = entityOfSchedulerId(schedulerId);
    if (!address) return;
    const now = this.#clock().now();
    const record =
      (await this.#entities.get(schedulerId)) ??
      newEntityRecord(schedulerId, address.name.toLowerCase(), address.key, now);
    await this.#entities.put({ ...record, queue: [...record.queue, request] });
    this.#kickEntity(schedulerId);
  }

  /** Works through an entity's queue as far as its lock allows; runs under the lock. */
  async #entityTurn(schedulerId: string): Promise<void> {
    for (;;) {
      const record = await this.#entities.get(schedulerId);
      if (!record) return;
      const step = nextEntityStep(record);
      switch (step.kind) {
        case 'idle':
          return;
        case 'release': {
          const { lockedBy: _released, ...unlocked } = record;
          const matches = record.lockedBy?.lockRequestId === step.request.lockRequestId;
          await this.#entities.put({ ...(matches ? unlocked : record), queue: step.rest });
          break;
        }
        case 'grantLock':
          await this.#grantLock(record, step.request, step.rest);
          break;
        case 'operations':
          await this.#runEntityBatch(record, step.requests, step.rest);
          break;
        default: {
          const unreachable: never = step;
          throw new Error(`Unknown entity step ${JSON.stringify(unreachable)}`);
        }
      }
    }
  }

  /**
   * Locks the entity for the critical section and passes the request on to the next entity of the
   * sorted lock set; the last one answers the orchestration (LockAsync's protocol). A request from
   * a generation that has ended is dropped rather than locking the entity for nobody.
   */
  async #grantLock(
    record: EntityRecord,
    request: LockRequest,
    rest: readonly EntityRequest[],
  ): Promise<void> {
    const requester = await this.#store.get(request.requester.instanceId);
    const alive =
      requester !== undefined &&
      !isTerminal(requester.status) &&
      requester.execution.executionId === request.requester.executionId;
    if (!alive) {
      await this.#entities.put({ ...record, queue: rest });
      return;
    }
    await this.#entities.put({
      ...record,
      lockedBy: { instanceId: request.requester.instanceId, lockRequestId: request.id },
      queue: rest,
    });
    const next = request.lockSet[request.position + 1];
    if (next !== undefined) {
      await this.#sendToEntity(next, { ...request, position: request.position + 1 });
      return;
    }
    const now = this.#clock().now();
    await this.#deliverLocked(
      request.requester.instanceId,
      request.requester.executionId,
      historyEvent(EventType.EventRaised, now, { Name: request.id, Input: lockAcquired }),
    );
  }

  async #runEntityBatch(
    record: EntityRecord,
    requests: readonly OperationRequest[],
    rest: readonly EntityRequest[],
  ): Promise<void> {
    const context = this.#context;
    const fn = context?.app.get(record.name);
    let outcome: Result<EntityBatchResult, string>;
    if (!context || !fn || fn.trigger.type !== 'entityTrigger') {
      outcome = err(
        `The function '${record.name}' doesn't exist, is disabled, or is not an entity function.`,
      );
    } else {
      try {
        const invoked = await context.invoke(fn.name, {
          trigger: toTypedData(entityBindingData(record, requests)),
        });
        outcome = parseEntityBatchResult(fromTypedData(invoked.returnValue));
      } catch (error) {
        outcome = err(error instanceof Error ? error.message : String(error));
      }
    }
    const now = this.#clock().now();
    const { state: _state, ...stateless } = record;
    const next: EntityRecord = outcome.ok
      ? {
          ...stateless,
          exists: outcome.value.entityExists,
          ...(outcome.value.entityExists && typeof outcome.value.entityState === 'string'
            ? { state: outcome.value.entityState }
            : {}),
          queue: rest,
          lastOperationAt: now,
        }
      : { ...record, queue: rest, lastOperationAt: now };
    await this.#entities.put(next);
    if (!outcome.ok) {
      this.#log('warn', 'entity batch failed', { entityId: record.schedulerId, reason: outcome.error });
    }
    for (const [index, request] of requests.entries()) {
      if (request.signal || !request.requester) continue;
      const answer = outcome.ok
        ? responseMessage(outcome.value.results[index])
        : responseMessage(undefined, outcome.error);
      await this.#deliverLocked(
        request.requester.instanceId,
        request.requester.executionId,
        historyEvent(EventType.EventRaised, now, { Name: request.id, Input: answer }),
      );
    }
    if (!outcome.ok) return;
    for (const signal of outgoingSignals(outcome.value)) {
      if (!this.#isEntityFunction(signal.target.name)) {
        this.#log('warn', 'entity signal to an unknown entity dropped', {
          entityId: record.schedulerId,
          target: schedulerIdOf(signal.target),
        });
        continue;
      }
      await this.#sendToEntity(schedulerIdOf(signal.target), {
        kind: 'operation',
        id: randomUUID(),
        operation: signal.operation,
        signal: true,
        ...(signal.input === undefined ? {} : { input: signal.input }),
      });
    }
  }

  /** Sends a durable HTTP request outside the lock; its response is queued like an activity result. */
  #runHttp(instanceId: string, executionId: string, taskId: number, request: DurableHttpRequest): void {
    this.#enter();
    const now = (): number => this.#clock().now();
    void sendDurableHttp(request)
      .then(
        (response) => historyEvent(EventType.TaskCompleted, now(), { Result: JSON.stringify(response) }),
        (error: unknown) => {
          const failure = failureFromError(error);
          return historyEvent(EventType.TaskFailed, now(), {
            Reason: failureReason('Activity', httpActivityName, failure),
            Details: failure.ErrorMessage,
            FailureDetails: failure,
          });
        },
      )
      .then((event) =>
        this.#exclusive(() =>
          this.#deliverLocked(instanceId, executionId, { ...event, TaskScheduledId: taskId }),
        ),
      )
      .catch((error: unknown) =>
        this.#log('error', 'durable http dispatch crashed', { instanceId, error: String(error) }),
      )
      .finally(() => this.#leave());
  }

  /**
   * After a restart over a persistent store: timers are re-armed, and activities that were scheduled
   * but never answered run again — activities are at-least-once, as on Azure.
   */
  async #recover(): Promise<void> {
    const live = await this.#store.query({
      runtimeStatus: ['Pending', 'Running', 'ContinuedAsNew', 'Suspended'],
    });
    for (const record of live) {
      const { instanceId } = record;
      const { executionId, openTasks } = record.execution;
      const answered = new Set(
        record.inbox
          .filter((entry) => entry.executionId === executionId)
          .map((entry) => entry.event.TaskScheduledId ?? entry.event.TimerId),
      );
      for (const [key, task] of Object.entries(openTasks)) {
        const taskId = Number(key);
        if (answered.has(taskId)) continue;
        if (task.kind === 'timer') this.#armTimer(instanceId, executionId, taskId, task.fireAt);
        else if (task.kind === 'activity')
          this.#runActivity(instanceId, executionId, taskId, task.name, task.input);
        else if (task.kind === 'http' && !task.waiting)
          this.#runHttp(instanceId, executionId, taskId, task.request);
      }
      if (record.inbox.length > 0) this.#kick(instanceId);
    }
    for (const entity of await this.#entities.query({})) {
      if (entity.queue.length > 0) this.#kickEntity(entity.schedulerId);
    }
  }
}
