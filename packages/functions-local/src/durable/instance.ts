import type { FailureDetailsPayload, HistoryEvent } from './historyEvent';
import type { DurableHttpRequest, RetryOptions } from './orchestratorState';

/** `OrchestrationRuntimeStatus` as the Durable HTTP API spells it. */
export const runtimeStatuses = [
  'Pending',
  'Running',
  'Completed',
  'ContinuedAsNew',
  'Failed',
  'Canceled',
  'Terminated',
  'Suspended',
] as const;
export type RuntimeStatus = (typeof runtimeStatuses)[number];

const terminal: ReadonlySet<RuntimeStatus> = new Set(['Completed', 'Failed', 'Canceled', 'Terminated']);
export const isTerminal = (status: RuntimeStatus): boolean => terminal.has(status);

/** What a retried activity or sub-orchestration calls on each attempt. */
export type RetryTarget =
  | { readonly kind: 'activity'; readonly name: string; readonly input: unknown }
  | {
      readonly kind: 'subOrchestration';
      readonly name: string;
      readonly input: unknown;
      /** Chosen by the orchestrator; absent means a fresh child id per attempt. */
      readonly instanceId: string | undefined;
    };

/** A task the orchestrator is waiting on, keyed by the sequence number the library gave it. */
export type OpenTask =
  | {
      readonly kind: 'activity';
      readonly name: string;
      readonly input: unknown;
      readonly retryGroup?: number;
    }
  | {
      readonly kind: 'subOrchestration';
      readonly name: string;
      readonly instanceId: string;
      readonly input: unknown;
      readonly retryGroup?: number;
    }
  | { readonly kind: 'timer'; readonly fireAt: number; readonly purpose: 'user' }
  | {
      readonly kind: 'timer';
      readonly fireAt: number;
      readonly purpose: 'retry';
      readonly retryGroup: number;
    }
  | {
      readonly kind: 'timer';
      readonly fireAt: number;
      readonly purpose: 'longSegment';
      readonly longTimer: number;
    }
  /** The wait before polling a 202's Location; `pollTaskId` is the poll the library already numbered. */
  | {
      readonly kind: 'timer';
      readonly fireAt: number;
      readonly purpose: 'httpPoll';
      readonly pollTaskId: number;
    }
  /** A durable HTTP request; `waiting` while its poll timer has not fired yet. */
  | { readonly kind: 'http'; readonly request: DurableHttpRequest; readonly waiting: boolean }
  /** An entity call, answered by an EventRaised named after `requestId`. */
  | { readonly kind: 'entityCall'; readonly schedulerId: string; readonly requestId: string }
  /** A critical section being acquired, answered like a call once the last entity grants its lock. */
  | { readonly kind: 'entityLock'; readonly requestId: string };

/** One `callActivityWithRetry` / `callSubOrchestratorWithRetry`, keyed by its first attempt's id. */
export interface RetryGroup {
  readonly target: RetryTarget;
  readonly options: RetryOptions;
  readonly attemptsMade: number;
  readonly firstAttemptAt: number;
  /** Past `retryTimeout`: remaining attempts the library insists on fail at once, without running. */
  readonly timedOut: boolean;
  readonly lastFailure?: FailureDetailsPayload;
}

/** A timer longer than the maximum short timer, which the library waits for segment by segment. */
export interface LongTimer {
  readonly finalFireAt: number;
  readonly currentSegment: number;
}

/** One generation of an instance (continue-as-new starts a new one with a fresh history). */
export interface Execution {
  readonly executionId: string;
  readonly history: readonly HistoryEvent[];
  readonly nextSequence: number;
  readonly openTasks: Readonly<Record<number, OpenTask>>;
  readonly retryGroups: Readonly<Record<number, RetryGroup>>;
  readonly longTimers: Readonly<Record<number, LongTimer>>;
  /** Every action the orchestrator has scheduled so far, reduced to what must replay identically. */
  readonly actionSignatures: readonly string[];
  /** The sequence number of each leaf action, in the order the library numbers them (null: none). */
  readonly leafTaskIds: readonly (number | null)[];
  /** The critical section this generation requested or holds (`context.df.lock`), until released. */
  readonly criticalSection?: CriticalSection;
}

export interface CriticalSection {
  readonly lockRequestId: string;
  /** Scheduler ids, sorted as the library sorts them. */
  readonly lockSet: readonly string[];
}

/** An event waiting to be delivered to a given generation. */
export interface InboxEntry {
  readonly executionId: string;
  readonly event: HistoryEvent;
}

export interface ParentLink {
  readonly instanceId: string;
  readonly executionId: string;
  readonly taskScheduledId: number;
}

export interface InstanceRecord {
  readonly instanceId: string;
  readonly name: string;
  readonly status: RuntimeStatus;
  /** JSON text, as the HTTP API stores it. */
  readonly input?: string;
  readonly output?: string;
  readonly customStatus?: string;
  readonly failureDetails?: FailureDetailsPayload;
  readonly createdAt: number;
  readonly lastUpdatedAt: number;
  readonly parent?: ParentLink;
  readonly generation: number;
  readonly execution: Execution;
  readonly inbox: readonly InboxEntry[];
}

export const newExecution = (executionId: string): Execution => ({
  executionId,
  history: [],
  nextSequence: 0,
  openTasks: {},
  retryGroups: {},
  longTimers: {},
  actionSignatures: [],
  leafTaskIds: [],
});
