import { EventType, type HistoryEvent } from './historyEvent';
import { pollPlan } from './durableHttp';
import type { Execution, InboxEntry, OpenTask } from './instance';

/** The open entity call or lock an EventRaised answers (named after the request id), if any. */
export function entityTaskOf(
  event: HistoryEvent,
  openTasks: Readonly<Record<number, OpenTask>>,
): number | undefined {
  if (event.EventType !== EventType.EventRaised || event.Name === undefined) return undefined;
  for (const [id, task] of Object.entries(openTasks)) {
    if ((task.kind === 'entityCall' || task.kind === 'entityLock') && task.requestId === event.Name) {
      return Number(id);
    }
  }
  return undefined;
}

/** The task a completion event answers, or undefined for events that answer none. */
export function answeredTaskId(event: HistoryEvent): number | undefined {
  switch (event.EventType) {
    case EventType.TaskCompleted:
    case EventType.TaskFailed:
    case EventType.SubOrchestrationInstanceCompleted:
    case EventType.SubOrchestrationInstanceFailed:
      return event.TaskScheduledId;
    case EventType.TimerFired:
      return event.TimerId;
    default:
      return undefined;
  }
}

/**
 * Events whose delivery makes the library number a new task of its own accord (a retry's timer or
 * next attempt, a long timer's next segment) before any task the orchestrator code schedules.
 */
function numbersNewTask(event: HistoryEvent, execution: Execution): boolean {
  const id = answeredTaskId(event);
  const task = id === undefined ? undefined : execution.openTasks[id];
  if (!task) return false;
  if (task.kind === 'http') {
    // A 202 to poll: the library numbers the wait and the next request (CallHttpWithPollingTask).
    return (
      event.EventType === EventType.TaskCompleted && pollPlan(task.request, event.Result, 0) !== undefined
    );
  }
  if (
    event.EventType === EventType.TaskFailed ||
    event.EventType === EventType.SubOrchestrationInstanceFailed
  ) {
    return (task.kind === 'activity' || task.kind === 'subOrchestration') && task.retryGroup !== undefined;
  }
  return task.kind === 'timer' && (task.purpose === 'retry' || task.purpose === 'longSegment');
}

export interface Batch {
  readonly events: readonly HistoryEvent[];
  readonly rest: readonly InboxEntry[];
}

/**
 * The events the next episode delivers. The library numbers tasks in the order it meets them, so
 * the engine must be able to tell which tasks an episode numbered: an event that makes the library
 * number a task itself only ever leads a batch, and an external event travels alone (so that, on
 * continue-as-new, the engine knows exactly which raised events the orchestrator consumed).
 * Answers to tasks no longer open (cancelled timers, duplicate activity runs) are dropped.
 */
export function takeBatch(inbox: readonly InboxEntry[], execution: Execution): Batch {
  const current = inbox.filter((entry) => entry.executionId === execution.executionId);
  const answered = new Set<number>();
  const live = current.filter((entry) => {
    const id = answeredTaskId(entry.event);
    if (id === undefined) return true;
    if (execution.openTasks[id] === undefined || answered.has(id)) return false;
    answered.add(id);
    return true;
  });
  const events: HistoryEvent[] = [];
  let taken = 0;
  for (const { event } of live) {
    if (events.length > 0) {
      if (event.EventType === EventType.EventRaised) break;
      if (events[0]?.EventType === EventType.EventRaised) break;
      if (numbersNewTask(event, execution)) break;
    }
    events.push(event);
    taken++;
  }
  return { events, rest: live.slice(taken) };
}
