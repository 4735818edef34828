import { EventType, historyEvent, type HistoryEvent } from './historyEvent';
import { newExecution, type InstanceRecord, type ParentLink } from './instance';

export const executionIdOf = (instanceId: string, generation: number): string =>
  `${instanceId}:${generation}`;

export const executionStarted = (
  instanceId: string,
  executionId: string,
  name: string,
  input: string | undefined,
  at: number,
  parent: ParentLink | undefined,
): HistoryEvent =>
  historyEvent(EventType.ExecutionStarted, at, {
    Name: name,
    ...(input === undefined ? {} : { Input: input }),
    OrchestrationInstance: { InstanceId: instanceId, ExecutionId: executionId },
    ...(parent
      ? { ParentInstance: { InstanceId: parent.instanceId, TaskScheduledId: parent.taskScheduledId } }
      : {}),
  });

/** A new (or reused, once finished) instance, Pending until its first episode runs. */
export function createInstance(args: {
  readonly instanceId: string;
  /** Unique per run, so late answers meant for an earlier run under the same id are recognised. */
  readonly executionId: string;
  readonly name: string;
  readonly input: string | undefined;
  readonly now: number;
  readonly parent?: ParentLink;
}): InstanceRecord {
  const executionId = args.executionId;
  return {
    instanceId: args.instanceId,
    name: args.name,
    status: 'Pending',
    ...(args.input === undefined ? {} : { input: args.input }),
    createdAt: args.now,
    lastUpdatedAt: args.now,
    ...(args.parent ? { parent: args.parent } : {}),
    generation: 0,
    execution: newExecution(executionId),
    inbox: [
      {
        executionId,
        event: executionStarted(args.instanceId, executionId, args.name, args.input, args.now, args.parent),
      },
    ],
  };
}

/** Queues an event for the instance's current generation. */
export const deliver = (record: InstanceRecord, event: HistoryEvent, now: number): InstanceRecord => ({
  ...record,
  lastUpdatedAt: now,
  inbox: [...record.inbox, { executionId: record.execution.executionId, event }],
});

export const eventRaised = (name: string, input: string | undefined, at: number): HistoryEvent =>
  historyEvent(EventType.EventRaised, at, { Name: name, ...(input === undefined ? {} : { Input: input }) });

const played = (event: HistoryEvent): HistoryEvent => ({ ...event, IsPlayed: true });

/** Terminated: the reason becomes the output, pending work is abandoned, as the host does. */
export function terminate(record: InstanceRecord, reason: string | undefined, now: number): InstanceRecord {
  const output = JSON.stringify(reason ?? '');
  return {
    ...record,
    status: 'Terminated',
    output,
    lastUpdatedAt: now,
    inbox: [],
    execution: {
      ...record.execution,
      openTasks: {},
      retryGroups: {},
      longTimers: {},
      history: [
        ...record.execution.history,
        played(
          historyEvent(EventType.ExecutionTerminated, now, reason === undefined ? {} : { Input: reason }),
        ),
      ],
    },
  };
}

export function suspend(record: InstanceRecord, reason: string | undefined, now: number): InstanceRecord {
  return {
    ...record,
    status: 'Suspended',
    lastUpdatedAt: now,
    execution: {
      ...record.execution,
      history: [
        ...record.execution.history,
        played(
          historyEvent(EventType.ExecutionSuspended, now, reason === undefined ? {} : { Reason: reason }),
        ),
      ],
    },
  };
}

export function resume(record: InstanceRecord, reason: string | undefined, now: number): InstanceRecord {
  const history = record.execution.history;
  return {
    ...record,
    // An instance suspended before its first episode has no history yet and is still Pending.
    status: history.some((e) => e.EventType === EventType.ExecutionStarted) ? 'Running' : 'Pending',
    lastUpdatedAt: now,
    execution: {
      ...record.execution,
      history: [
        ...history,
        played(historyEvent(EventType.ExecutionResumed, now, reason === undefined ? {} : { Reason: reason })),
      ],
    },
  };
}

/** The notice a finished child sends to the parent task that started it. */
export const childOutcome = (
  parent: ParentLink,
  outcome: Pick<HistoryEvent, 'Result' | 'Reason' | 'Details' | 'FailureDetails'>,
  failed: boolean,
  at: number,
): HistoryEvent =>
  historyEvent(
    failed ? EventType.SubOrchestrationInstanceFailed : EventType.SubOrchestrationInstanceCompleted,
    at,
    { TaskScheduledId: parent.taskScheduledId, ...outcome },
  );
