import type { Result } from '../result';
import {
  decodeProcessedInput,
  leavesOf,
  signatureOf,
  unsupportedActionName,
  type LeafAction,
} from './actionShape';
import { answeredTaskId } from './batch';
import { EventType, historyEvent, type FailureDetailsPayload, type HistoryEvent } from './historyEvent';
import {
  newExecution,
  type Execution,
  type InboxEntry,
  type InstanceRecord,
  type LongTimer,
  type OpenTask,
  type ParentLink,
  type RetryGroup,
} from './instance';
import { childOutcome, executionStarted } from './lifecycle';
import { ActionType, type Action, type EpisodeResult, type RetryOptions } from './orchestratorState';
import { nextRetry } from './retryPolicy';

/** Timer splitting as the Azure Storage backend configures it (the library needs both values). */
export interface TimerLimits {
  readonly maxShortTimerMs: number;
  readonly longTimerIntervalMs: number;
}

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
  | { readonly type: 'notifyParent'; readonly parent: ParentLink; readonly event: HistoryEvent };

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

  constructor(
    execution: Execution,
    private readonly instanceId: string,
    private readonly now: number,
    private readonly limits: TimerLimits,
  ) {
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
    const id = answeredTaskId(event);
    const task = id === undefined ? undefined : draft.openTasks[id];
    if (id === undefined || !task) continue;
    delete draft.openTasks[id];
    if (task.kind === 'timer') {
      if (task.purpose === 'retry') draft.retryTimerFired(task.retryGroup);
      else if (task.purpose === 'longSegment') draft.segmentFired(task.longTimer);
      continue;
    }
    if (task.retryGroup === undefined) continue;
    const failed =
      event.EventType === EventType.TaskFailed ||
      event.EventType === EventType.SubOrchestrationInstanceFailed;
    if (failed) draft.attemptFailed(task.retryGroup, event.FailureDetails);
    else delete draft.retryGroups[task.retryGroup];
  }
}

type Scheduled =
  { readonly ok: true; readonly ids: (number | null)[] } | { readonly ok: false; readonly error: string };

function scheduleLeaves(draft: Draft, leaves: readonly LeafAction[]): Scheduled {
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
      case ActionType.CallHttp:
      case ActionType.SignalEntity:
      case ActionType.LockEntities:
      case ActionType.ReleaseEntities:
        return {
          ok: false,
          error:
            `The local Durable engine does not support the ${unsupportedActionName(leaf.actionType)} action ` +
            '(durable entities and durable HTTP calls are not implemented locally).',
        };
      default: {
        const unreachable: never = leaf;
        return { ok: false, error: `Unknown action ${JSON.stringify(unreachable)}` };
      }
    }
  }
  return { ok: true, ids };
}

/**
 * External events consumed by a generation are matched to waits in order, one each; those left
 * over (the latest ones) were never seen by the orchestrator and move on to the next generation.
 */
function unconsumedEvents(delivered: readonly HistoryEvent[], leaves: readonly LeafAction[]): HistoryEvent[] {
  const waits = new Map<string, number>();
  for (const leaf of leaves) {
    if (leaf.actionType === ActionType.WaitForExternalEvent) {
      waits.set(leaf.externalEventName, (waits.get(leaf.externalEventName) ?? 0) + 1);
    }
  }
  const seen = new Map<string, number>();
  return delivered.filter((event) => {
    if (event.EventType !== EventType.EventRaised || event.Name === undefined) return false;
    const count = (seen.get(event.Name) ?? 0) + 1;
    seen.set(event.Name, count);
    return count > (waits.get(event.Name) ?? 0);
  });
}

function finish(
  record: InstanceRecord,
  history: readonly HistoryEvent[],
  now: number,
  ending:
    | { status: 'Completed'; output: string | undefined }
    | { status: 'Failed'; message: string; details: FailureDetailsPayload },
  customStatus: string | undefined,
): EpisodeDecision {
  const completed = historyEvent(EventType.OrchestratorCompleted, now);
  const output = ending.status === 'Completed' ? ending.output : JSON.stringify(ending.message);
  const executionCompleted = historyEvent(EventType.ExecutionCompleted, now, {
    OrchestrationStatus: ending.status,
    ...(output === undefined ? {} : { Result: output }),
    ...(ending.status === 'Failed' ? { FailureDetails: ending.details } : {}),
  });
  const commands: Command[] = [];
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
  const scheduled = scheduleLeaves(draft, leavesOf(actions.slice(before.length)));
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
          history,
          leaves: allLeaves,
          now,
        }),
        commands: [],
      };
    }
    return finish(
      record,
      [...history, ...draft.events],
      now,
      { status: 'Completed', output: toJson(state.output) },
      customStatus,
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
        ...execution,
        history: [...history, ...draft.events, historyEvent(EventType.OrchestratorCompleted, now)].map(
          played,
        ),
        nextSequence: draft.nextSequence,
        openTasks: draft.openTasks,
        retryGroups: draft.retryGroups,
        longTimers: draft.longTimers,
        actionSignatures: signatures,
        leafTaskIds,
      },
    },
    commands: draft.commands,
  };
}

/**
 * A new generation with the new input. External events the old generation never consumed, and
 * those still queued for it, are carried over rather than lost.
 */
function continuedAsNew(
  record: InstanceRecord,
  next: {
    readonly executionId: string;
    readonly input: unknown;
    readonly customStatus: string | undefined;
    readonly history: readonly HistoryEvent[];
    readonly leaves: readonly LeafAction[];
    readonly now: number;
  },
): InstanceRecord {
  const { executionId, input, customStatus, history, leaves, now } = next;
  const generation = record.generation + 1;
  const inputJson = toJson(input);
  const queued = record.inbox
    .filter((entry) => entry.executionId === record.execution.executionId)
    .map((entry) => entry.event)
    .filter((event) => event.EventType === EventType.EventRaised);
  const carried: InboxEntry[] = [...unconsumedEvents(history, leaves), ...queued].map((event) => ({
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
