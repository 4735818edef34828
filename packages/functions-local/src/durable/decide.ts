import type { Result } from '../result';
import { decodeProcessedInput, leavesOf, signatureOf, type LeafAction } from './actionShape';
import { answeredTaskId, entityTaskOf } from './batch';
import { httpActivityName, pollPlan, type PollPlan } from './durableHttp';
import { entityOfSchedulerId, schedulerIdOf } from './entityId';
import type { EntityRequest } from './entityRecord';
import { EventType, historyEvent, type FailureDetailsPayload, type HistoryEvent } from './historyEvent';
import {
  newExecution,
  type CriticalSection,
  type Execution,
  type InboxEntry,
  type InstanceRecord,
  type LongTimer,
  type OpenTask,
  type ParentLink,
  type RetryGroup,
} from './instance';
import { childOutcome, executionStarted } from './lifecycle';
import {
  ActionType,
  type Action,
  type DurableHttpRequest,
  type EpisodeResult,
  type RetryOptions,
} from './orchestratorState';
import { nextRetry } from './retryPolicy';

/** Timer splitting as the Azure Storage backend configures it (the library needs both values). */
export interface TimerLimits {
  readonly maxShortTimerMs: number;
  readonly longTimerIntervalMs: number;
  /** callHttp's wait between polls when a 202 has no Retry-After (host.json httpSettings). */
  readonly httpPollDefaultMs?: number;
}

const defaultHttpPollMs = 30_000;

/** Work the engine carries out after an episode is recorded. */
export type Command =
  | { readonly type: 'runActivity'; readonly taskId: number; readonly name: string; readonly input: unknown }
  | {
      readonly type: 'startSubOrchestration';
      readonly taskId: number;
      readonly name: string;
      readonly instanceId: string;
      readonly input: unknown;
    }
  | { readonly type: 'armTimer'; readonly taskId: number; readonly fireAt: number }
  /** A retry attempt past the retry timeout: it fails at once with the last failure. */
  | { readonly type: 'failAttempt'; readonly event: HistoryEvent }
  | { readonly type: 'notifyParent'; readonly parent: ParentLink; readonly event: HistoryEvent }
  | { readonly type: 'sendEntity'; readonly schedulerId: string; readonly request: EntityRequest }
  | { readonly type: 'callHttp'; readonly taskId: number; readonly request: DurableHttpRequest };

export interface EpisodeDecision {
  readonly record: InstanceRecord;
  readonly commands: readonly Command[];
}

/** Largest custom status the host accepts: 16 KB of UTF-16 text. */
export const maxCustomStatusBytes = 16 * 1024;

/** The history the orchestrator replays: what it has seen, then this episode's new events. */
export function episodeHistory(
  execution: Execution,
  batch: readonly HistoryEvent[],
  now: number,
): HistoryEvent[] {
  return [...execution.history, historyEvent(EventType.OrchestratorStarted, now), ...batch];
}

const played = (event: HistoryEvent): HistoryEvent => ({ ...event, IsPlayed: true });
const withoutSection = (execution: Execution): Execution => {
  const { criticalSection: _section, ...rest } = execution;
  return rest;
};
const toJson = (value: unknown): string | undefined =>
  value === undefined ? undefined : JSON.stringify(value);

/** Working copy of an execution's task bookkeeping while one episode is decided. */
class Draft {
  nextSequence: number;
  readonly openTasks: Record<number, OpenTask>;
  readonly retryGroups: Record<number, RetryGroup>;
  readonly longTimers: Record<number, LongTimer>;
  readonly events: HistoryEvent[] = [];
  readonly commands: Command[] = [];

  criticalSection: CriticalSection | undefined;
  private readonly executionId: string;

  constructor(
    execution: Execution,
    private readonly instanceId: string,
    private readonly now: number,
    private readonly limits: TimerLimits,
  ) {
    this.executionId = execution.executionId;
    this.criticalSection = execution.criticalSection;
    this.nextSequence = execution.nextSequence;
    this.openTasks = { ...execution.openTasks };
    this.retryGroups = { ...execution.retryGroups };
    this.longTimers = { ...execution.longTimers };
  }

  /** `run: false` books the task without running it (an attempt that fails at once). */
  activity(name: string, input: unknown, retryGroup?: number, run = true): number {
    const id = this.nextSequence++;
    this.openTasks[id] = {
      kind: 'activity',
      name,
      input,
      ...(retryGroup === undefined ? {} : { retryGroup }),
    };
    this.events.push(
      historyEvent(EventType.TaskScheduled, this.now, { Name: name, Input: toJson(input) }, id),
    );
    if (run) this.commands.push({ type: 'runActivity', taskId: id, name, input });
    return id;
  }

  subOrchestration(
    name: string,
    chosenId: string | undefined,
    input: unknown,
    retryGroup?: number,
    run = true,
  ): number {
    const id = this.nextSequence++;
    // The host's default child id: the parent's id and the task's sequence number.
    const instanceId = chosenId ?? `${this.instanceId}:${id.toString(16).toUpperCase().padStart(4, '0')}`;
    this.openTasks[id] = {
      kind: 'subOrchestration',
      name,
      instanceId,
      input,
      ...(retryGroup === undefined ? {} : { retryGroup }),
    };
    this.events.push(
      historyEvent(
        EventType.SubOrchestrationInstanceCreated,
        this.now,
        { Name: name, InstanceId: instanceId, Input: toJson(input) },
        id,
      ),
    );
    if (run) this.commands.push({ type: 'startSubOrchestration', taskId: id, name, instanceId, input });
    return id;
  }

  /**
   * An entity message, recorded as the EventSent the extension writes (SendEntityMessage): named
   * "op" for requests and "release" for releases, its input the message with the request `id`
   * that durable-functions reads back to match the answer to the task.
   */
  private entityMessage(eventId: number, schedulerId: string, request: EntityRequest): void {
    const wire =
      request.kind === 'release'
        ? { parent: request.requesterInstanceId, lockRequestId: request.lockRequestId }
        : request.kind === 'lock'
          ? {
              id: request.id,
              parent: request.requester.instanceId,
              parentExecution: request.requester.executionId,
              lockset: request.lockSet,
              pos: request.position,
            }
          : {
              id: request.id,
              op: request.operation,
              signal: request.signal,
              ...(request.input === undefined ? {} : { input: request.input }),
              ...(request.requester
                ? { parent: request.requester.instanceId, parentExecution: request.requester.executionId }
                : {}),
            };
    this.events.push(
      historyEvent(
        EventType.EventSent,
        this.now,
        {
          InstanceId: schedulerId,
          Name: request.kind === 'release' ? 'release' : 'op',
          Input: JSON.stringify(wire),
        },
        eventId,
      ),
    );
    this.commands.push({ type: 'sendEntity', schedulerId, request });
  }

  entityOperation(schedulerId: string, operation: string, input: unknown, signal: boolean): number {
    const id = this.nextSequence++;
    // Unique per generation and task, and replayed from the EventSent rather than recomputed.
    const requestId = `${this.executionId}:${id}`;
    if (!signal) this.openTasks[id] = { kind: 'entityCall', schedulerId, requestId };
    const inputJson = toJson(input);
    this.entityMessage(id, schedulerId, {
      kind: 'operation',
      id: requestId,
      operation,
      signal,
      ...(inputJson === undefined ? {} : { input: inputJson }),
      requester: { instanceId: this.instanceId, executionId: this.executionId },
    });
    return id;
  }

  lockEntities(lockRequestId: string, lockSet: readonly string[]): number {
    const id = this.nextSequence++;
    this.openTasks[id] = { kind: 'entityLock', requestId: lockRequestId };
    this.criticalSection = { lockRequestId, lockSet };
    const [first] = lockSet;
    if (first !== undefined) {
      this.entityMessage(id, first, {
        kind: 'lock',
        id: lockRequestId,
        requester: { instanceId: this.instanceId, executionId: this.executionId },
        lockSet,
        position: 0,
      });
    }
    return id;
  }

  /** The library counts one sequence number per locked entity (ReleaseEntitiesAction). */
  releaseEntities(): void {
    const section = this.criticalSection;
    if (!section) return;
    for (const schedulerId of section.lockSet) {
      this.entityMessage(this.nextSequence++, schedulerId, {
        kind: 'release',
        requesterInstanceId: this.instanceId,
        lockRequestId: section.lockRequestId,
      });
    }
    this.criticalSection = undefined;
  }

  httpCall(request: DurableHttpRequest): number {
    const id = this.nextSequence++;
    this.openTasks[id] = { kind: 'http', request, waiting: false };
    this.events.push(
      historyEvent(
        EventType.TaskScheduled,
        this.now,
        { Name: httpActivityName, Input: JSON.stringify(request) },
        id,
      ),
    );
    this.commands.push({ type: 'callHttp', taskId: id, request });
    return id;
  }

  /** A 202 to poll: the wait and the next request, numbered together as the library numbers them. */
  httpAccepted(plan: PollPlan): void {
    const timerId = this.nextSequence++;
    const pollTaskId = this.nextSequence++;
    this.openTasks[pollTaskId] = { kind: 'http', request: plan.request, waiting: true };
    this.openTasks[timerId] = {
      kind: 'timer',
      fireAt: this.now + plan.delayMs,
      purpose: 'httpPoll',
      pollTaskId,
    };
    this.events.push(
      historyEvent(
        EventType.TimerCreated,
        this.now,
        { FireAt: new Date(this.now + plan.delayMs).toISOString() },
        timerId,
      ),
    );
    this.commands.push({ type: 'armTimer', taskId: timerId, fireAt: this.now + plan.delayMs });
  }

  httpPollDue(pollTaskId: number): void {
    const task = this.openTasks[pollTaskId];
    if (task?.kind !== 'http') return;
    this.openTasks[pollTaskId] = { ...task, waiting: false };
    this.events.push(
      historyEvent(
        EventType.TaskScheduled,
        this.now,
        { Name: httpActivityName, Input: JSON.stringify(task.request) },
        pollTaskId,
      ),
    );
    this.commands.push({ type: 'callHttp', taskId: pollTaskId, request: task.request });
  }

  get httpPollDefaultMs(): number {
    return this.limits.httpPollDefaultMs ?? defaultHttpPollMs;
  }

  timer(
    fireAt: number,
    purpose:
      | { purpose: 'user' }
      | { purpose: 'retry'; retryGroup: number }
      | { purpose: 'longSegment'; longTimer: number },
  ): number {
    const id = this.nextSequence++;
    this.openTasks[id] = { kind: 'timer', fireAt, ...purpose };
    this.events.push(
      historyEvent(EventType.TimerCreated, this.now, { FireAt: new Date(fireAt).toISOString() }, id),
    );
    this.commands.push({ type: 'armTimer', taskId: id, fireAt });
    return id;
  }

  /** A timer the orchestrator created: one task, or the first segment of a long one. */
  userTimer(fireAt: number): number {
    if (fireAt - this.now <= this.limits.maxShortTimerMs) return this.timer(fireAt, { purpose: 'user' });
    const key = this.nextSequence;
    this.longTimers[key] = { finalFireAt: fireAt, currentSegment: key };
    return this.timer(this.now + this.limits.longTimerIntervalMs, { purpose: 'longSegment', longTimer: key });
  }

  retried(target: RetryGroup['target'], options: RetryOptions): number {
    const key = this.nextSequence;
    this.retryGroups[key] = { target, options, attemptsMade: 1, firstAttemptAt: this.now, timedOut: false };
    return this.attempt(target, key);
  }

  private attempt(target: RetryGroup['target'], group: number, run = true): number {
    return target.kind === 'activity'
      ? this.activity(target.name, target.input, group, run)
      : this.subOrchestration(target.name, target.instanceId, target.input, group, run);
  }

  /** Mirrors RetryableTask: every failed attempt is followed by a timer, even the last one. */
  attemptFailed(key: number, failure: FailureDetailsPayload | undefined): void {
    const group = this.retryGroups[key];
    if (!group) return;
    const decision = nextRetry(group.options, group.attemptsMade, group.firstAttemptAt, this.now);
    const timedOut = group.timedOut || decision.kind === 'timedOut';
    this.retryGroups[key] = { ...group, timedOut, ...(failure ? { lastFailure: failure } : {}) };
    const delay = decision.kind === 'retryAfter' && !timedOut ? decision.delayMs : 0;
    this.timer(this.now + delay, { purpose: 'retry', retryGroup: key });
  }

  retryTimerFired(key: number): void {
    const group = this.retryGroups[key];
    if (!group) return;
    if (group.attemptsMade >= group.options.maxNumberOfAttempts) {
      delete this.retryGroups[key];
      return;
    }
    this.retryGroups[key] = { ...group, attemptsMade: group.attemptsMade + 1 };
    if (!group.timedOut) {
      this.attempt(group.target, key);
      return;
    }
    const id = this.attempt(group.target, key, false);
    const failure = group.lastFailure ?? {
      ErrorType: 'Error',
      ErrorMessage: 'Retry timeout exceeded.',
      IsNonRetriable: true,
    };
    this.commands.push({
      type: 'failAttempt',
      event: historyEvent(
        group.target.kind === 'activity' ? EventType.TaskFailed : EventType.SubOrchestrationInstanceFailed,
        this.now,
        {
          TaskScheduledId: id,
          Reason: 'Retry timeout exceeded.',
          Details: failure.ErrorMessage,
          FailureDetails: failure,
        },
      ),
    });
  }

  segmentFired(key: number): void {
    const long = this.longTimers[key];
    if (!long) return;
    if (long.finalFireAt <= this.now) {
      delete this.longTimers[key];
      return;
    }
    const next =
      long.finalFireAt - this.now > this.limits.maxShortTimerMs
        ? this.now + this.limits.longTimerIntervalMs
        : long.finalFireAt;
    const id = this.timer(next, { purpose: 'longSegment', longTimer: key });
    this.longTimers[key] = { ...long, currentSegment: id };
  }

  cancelTimer(id: number): void {
    const long = this.longTimers[id];
    if (long) {
      delete this.openTasks[long.currentSegment];
      delete this.longTimers[id];
      return;
    }
    const task = this.openTasks[id];
    if (task?.kind === 'timer') delete this.openTasks[id];
  }
}

/** Books the delivered answers; the first may make the library number a task (batch.ts). */
function bookAnswers(draft: Draft, batch: readonly HistoryEvent[]): void {
  for (const event of batch) {
    const id = answeredTaskId(event) ?? entityTaskOf(event, draft.openTasks);
    const task = id === undefined ? undefined : draft.openTasks[id];
    if (id === undefined || !task) continue;
    delete draft.openTasks[id];
    if (task.kind === 'timer') {
      if (task.purpose === 'retry') draft.retryTimerFired(task.retryGroup);
      else if (task.purpose === 'longSegment') draft.segmentFired(task.longTimer);
      else if (task.purpose === 'httpPoll') draft.httpPollDue(task.pollTaskId);
      continue;
    }
    if (task.kind === 'http') {
      const plan =
        event.EventType === EventType.TaskCompleted
          ? pollPlan(task.request, event.Result, draft.httpPollDefaultMs)
          : undefined;
      if (plan) draft.httpAccepted(plan);
      continue;
    }
    if (task.kind === 'entityCall' || task.kind === 'entityLock' || task.retryGroup === undefined) continue;
    const failed =
      event.EventType === EventType.TaskFailed ||
      event.EventType === EventType.SubOrchestrationInstanceFailed;
    if (failed) draft.attemptFailed(task.retryGroup, event.FailureDetails);
    else delete draft.retryGroups[task.retryGroup];
  }
}

type Scheduled =
  { readonly ok: true; readonly ids: (number | null)[] } | { readonly ok: false; readonly error: string };

const noEntityFunction = (schedulerId: string): string =>
  `The function '${entityOfSchedulerId(schedulerId)?.name ?? schedulerId}' doesn't exist, is disabled, or is not an entity function.`;

function scheduleLeaves(
  draft: Draft,
  leaves: readonly LeafAction[],
  isEntity: (name: string) => boolean,
): Scheduled {
  const ids: (number | null)[] = [];
  for (const leaf of leaves) {
    switch (leaf.actionType) {
      case ActionType.CallActivity:
        ids.push(draft.activity(leaf.functionName, decodeProcessedInput(leaf.input)));
        break;
      case ActionType.CallActivityWithRetry:
        ids.push(
          draft.retried(
            { kind: 'activity', name: leaf.functionName, input: decodeProcessedInput(leaf.input) },
            leaf.retryOptions,
          ),
        );
        break;
      case ActionType.CallSubOrchestrator:
        ids.push(draft.subOrchestration(leaf.functionName, leaf.instanceId ?? undefined, leaf.input));
        break;
      case ActionType.CallSubOrchestratorWithRetry:
        ids.push(
          draft.retried(
            {
              kind: 'subOrchestration',
              name: leaf.functionName,
              input: leaf.input,
              instanceId: leaf.instanceId ?? undefined,
            },
            leaf.retryOptions,
          ),
        );
        break;
      case ActionType.CreateTimer:
        ids.push(draft.userTimer(Date.parse(leaf.fireAt)));
        break;
      case ActionType.WaitForExternalEvent:
      case ActionType.ContinueAsNew:
        ids.push(null);
        break;
      case ActionType.CallEntity:
      case ActionType.SignalEntity: {
        const entity = entityOfSchedulerId(leaf.instanceId);
        if (!entity || !isEntity(entity.name)) return { ok: false, error: noEntityFunction(leaf.instanceId) };
        ids.push(
          draft.entityOperation(
            leaf.instanceId,
            leaf.operation,
            leaf.input,
            leaf.actionType === ActionType.SignalEntity,
          ),
        );
        break;
      }
      case ActionType.LockEntities: {
        const lockSet = leaf.lockSet.map(schedulerIdOf);
        // LockAsync: ThrowIfFunctionDoesNotExist for each entity before anything is sent.
        const missing = leaf.lockSet.find((entity) => !isEntity(entity.name));
        if (missing) return { ok: false, error: noEntityFunction(schedulerIdOf(missing)) };
        ids.push(draft.lockEntities(leaf.lockRequestId, lockSet));
        break;
      }
      case ActionType.ReleaseEntities:
        draft.releaseEntities();
        ids.push(null);
        break;
      case ActionType.CallHttp:
        ids.push(draft.httpCall(leaf.httpRequest));
        break;
      default: {
        const unreachable: never = leaf;
        return { ok: false, error: `Unknown action ${JSON.stringify(unreachable)}` };
      }
    }
  }
  return { ok: true, ids };
}

function finish(
  record: InstanceRecord,
  history: readonly HistoryEvent[],
  now: number,
  ending:
    | { status: 'Completed'; output: string | undefined }
    | { status: 'Failed'; message: string; details: FailureDetailsPayload },
  customStatus: string | undefined,
  carried: readonly Command[],
): EpisodeDecision {
  const completed = historyEvent(EventType.OrchestratorCompleted, now);
  const output = ending.status === 'Completed' ? ending.output : JSON.stringify(ending.message);
  const executionCompleted = historyEvent(EventType.ExecutionCompleted, now, {
    OrchestrationStatus: ending.status,
    ...(output === undefined ? {} : { Result: output }),
    ...(ending.status === 'Failed' ? { FailureDetails: ending.details } : {}),
  });
  const commands: Command[] = [...carried];
  if (record.parent) {
    const outcome =
      ending.status === 'Completed'
        ? { Result: output ?? 'null' }
        : { Reason: ending.message, Details: ending.details.ErrorMessage, FailureDetails: ending.details };
    commands.push({
      type: 'notifyParent',
      parent: record.parent,
      event: childOutcome(record.parent, outcome, ending.status === 'Failed', now),
    });
  }
  const { failureDetails: _previous, ...rest } = record;
  return {
    record: {
      ...rest,
      status: ending.status,
      ...(output === undefined ? {} : { output }),
      ...(customStatus === undefined ? {} : { customStatus }),
      ...(ending.status === 'Failed' ? { failureDetails: ending.details } : {}),
      lastUpdatedAt: now,
      inbox: [],
      execution: {
        ...record.execution,
        history: [...history, completed, executionCompleted].map(played),
        openTasks: {},
        retryGroups: {},
        longTimers: {},
      },
    },
    commands,
  };
}

const failure = (message: string): FailureDetailsPayload => ({
  ErrorType: 'OrchestrationFailure',
  ErrorMessage: message,
  IsNonRetriable: true,
});

/**
 * Records one orchestrator episode: books the answers it was given, checks that the actions it
 * returned still match what it scheduled before (non-determinism), numbers and schedules the new
 * ones exactly as the library numbered them, and settles the instance's status.
 * `record.inbox` must already exclude `batch`.
 */
export function decideEpisode(input: {
  readonly record: InstanceRecord;
  readonly batch: readonly HistoryEvent[];
  readonly now: number;
  readonly result: Result<EpisodeResult, string>;
  readonly limits: TimerLimits;
  /** Used only if the instance continues as new. */
  readonly nextExecutionId: string;
  /** Whether the app has an entity function of this (lower-cased) name. */
  readonly isEntity: (name: string) => boolean;
}): EpisodeDecision {
  const { record, batch, now, result, limits, nextExecutionId } = input;
  const execution = record.execution;
  const history = episodeHistory(execution, batch, now);
  const fail = (reason: string, details?: FailureDetailsPayload): EpisodeDecision => {
    const message = `Orchestrator function '${record.name}' failed: ${reason}`;
    return finish(
      record,
      history,
      now,
      { status: 'Failed', message, details: details ?? failure(reason) },
      undefined,
      endOfGeneration(record.instanceId, execution.criticalSection, []),
    );
  };

  if (!result.ok) return fail(result.error);
  const { state, failed } = result.value;
  const actions: readonly Action[] = state.actions.flat();

  const signatures = actions.map(signatureOf);
  const before = execution.actionSignatures;
  for (let i = 0; i < before.length; i++) {
    if (signatures[i] !== before[i]) {
      return fail(
        `Non-deterministic workflow detected: action #${i + 1} was ${before[i]} when this instance ran it, ` +
          `but replaying the current code produced ${signatures[i] ?? 'no action'}. ` +
          'Was the orchestrator code changed after this instance started?',
      );
    }
  }

  const draft = new Draft(execution, record.instanceId, now, limits);
  bookAnswers(draft, batch);
  const scheduled = scheduleLeaves(draft, leavesOf(actions.slice(before.length)), input.isEntity);
  if (!scheduled.ok) return fail(scheduled.error);
  const leafTaskIds = [...execution.leafTaskIds, ...scheduled.ids];
  const allLeaves = leavesOf(actions);
  allLeaves.forEach((leaf, index) => {
    const id = leafTaskIds[index];
    if (leaf.actionType === ActionType.CreateTimer && leaf.isCanceled && id !== null && id !== undefined) {
      draft.cancelTimer(id);
    }
  });

  const customStatus = toJson(state.customStatus);
  if (customStatus !== undefined && customStatus.length * 2 > maxCustomStatusBytes) {
    return fail(
      `The custom status is ${customStatus.length * 2} bytes as UTF-16 JSON; ` +
        `Durable Functions refuses custom status payloads over 16 KB (${maxCustomStatusBytes} bytes).`,
    );
  }

  if (failed) {
    const reason = state.error ?? 'the orchestrator threw an error';
    const details = state.failureDetails
      ? {
          ErrorType: state.failureDetails.ErrorType ?? 'Error',
          ErrorMessage: state.failureDetails.ErrorMessage ?? reason,
          ...(state.failureDetails.StackTrace ? { StackTrace: state.failureDetails.StackTrace } : {}),
          IsNonRetriable: false,
        }
      : { ErrorType: 'Error', ErrorMessage: reason, IsNonRetriable: false };
    return fail(reason, details);
  }

  if (state.isDone) {
    const continueAsNew = actions.find((a) => a.actionType === ActionType.ContinueAsNew);
    if (continueAsNew && continueAsNew.actionType === ActionType.ContinueAsNew) {
      return {
        record: continuedAsNew(record, {
          executionId: nextExecutionId,
          input: decodeProcessedInput(continueAsNew.input),
          customStatus,
          now,
        }),
        commands: endOfGeneration(record.instanceId, draft.criticalSection, draft.commands),
      };
    }
    return finish(
      record,
      [...history, ...draft.events],
      now,
      { status: 'Completed', output: toJson(state.output) },
      customStatus,
      endOfGeneration(record.instanceId, draft.criticalSection, draft.commands),
    );
  }

  const { customStatus: _old, ...rest } = record;
  return {
    record: {
      ...rest,
      status: 'Running',
      ...(customStatus === undefined ? {} : { customStatus }),
      lastUpdatedAt: now,
      execution: {
        ...withoutSection(execution),
        history: [...history, ...draft.events, historyEvent(EventType.OrchestratorCompleted, now)].map(
          played,
        ),
        nextSequence: draft.nextSequence,
        openTasks: draft.openTasks,
        retryGroups: draft.retryGroups,
        longTimers: draft.longTimers,
        actionSignatures: signatures,
        leafTaskIds,
        ...(draft.criticalSection ? { criticalSection: draft.criticalSection } : {}),
      },
    },
    commands: draft.commands,
  };
}

/**
 * What still goes out when a generation ends: its entity messages (a signal sent just before
 * returning is delivered), and the release of a critical section it still holds or awaits, so that
 * no entity stays locked by an orchestration that is gone.
 */
export function endOfGeneration(
  instanceId: string,
  section: CriticalSection | undefined,
  commands: readonly Command[],
): Command[] {
  const sent = commands.filter((command) => command.type === 'sendEntity');
  if (!section) return sent;
  return [
    ...sent,
    ...section.lockSet.map((schedulerId): Command => ({
      type: 'sendEntity',
      schedulerId,
      request: { kind: 'release', requesterInstanceId: instanceId, lockRequestId: section.lockRequestId },
    })),
  ];
}

/**
 * A new generation with the new input. Events the old generation received but did not consume are
 * discarded: the out-of-process shim calls `ContinueAsNew(input)` (OutOfProcOrchestrationShim.cs),
 * whose `preserveUnprocessedEvents` defaults to false — "any unprocessed external events will be
 * discarded" (IDurableOrchestrationContext.ContinueAsNew). Events still queued, which the old
 * generation never received, are addressed to the instance rather than to an execution, so the
 * new generation receives them, as DTFx delivers them to the instance's latest execution.
 */
function continuedAsNew(
  record: InstanceRecord,
  next: {
    readonly executionId: string;
    readonly input: unknown;
    readonly customStatus: string | undefined;
    readonly now: number;
  },
): InstanceRecord {
  const { executionId, input, customStatus, now } = next;
  const generation = record.generation + 1;
  const inputJson = toJson(input);
  const queued = record.inbox
    .filter((entry) => entry.executionId === record.execution.executionId)
    .map((entry) => entry.event)
    .filter(
      (event) =>
        event.EventType === EventType.EventRaised &&
        entityTaskOf(event, record.execution.openTasks) === undefined,
    );
  const carried: InboxEntry[] = queued.map((event) => ({
    executionId,
    event: { ...event, IsPlayed: false },
  }));
  const { output: _output, customStatus: _status, input: _input, ...rest } = record;
  return {
    ...rest,
    status: 'Running',
    ...(inputJson === undefined ? {} : { input: inputJson }),
    ...(customStatus === undefined ? {} : { customStatus }),
    lastUpdatedAt: now,
    generation,
    execution: newExecution(executionId),
    inbox: [
      {
        executionId,
        event: executionStarted(record.instanceId, executionId, record.name, inputJson, now, record.parent),
      },
      ...carried,
    ],
  };
}
