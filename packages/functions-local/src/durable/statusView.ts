import { EventType, eventTypeName, type HistoryEvent } from './historyEvent';
import type { InstanceRecord, RuntimeStatus } from './instance';

export interface StatusOptions {
  readonly showHistory?: boolean;
  readonly showHistoryOutput?: boolean;
  /** Defaults to true, as in the HTTP API. */
  readonly showInput?: boolean;
}

/** The Durable HTTP API's instance status body (StatusResponsePayload). */
export interface StatusPayload {
  readonly name: string;
  readonly instanceId: string;
  readonly runtimeStatus: RuntimeStatus;
  readonly input: unknown;
  readonly customStatus: unknown;
  readonly output: unknown;
  readonly createdTime: string;
  readonly lastUpdatedTime: string;
  readonly historyEvents?: readonly Record<string, unknown>[];
  /**
   * The same events again: `durable-functions` reads `history` while the host writes
   * `historyEvents`, so without both `getStatus(id, { showHistory: true })` would see none.
   */
  readonly history?: readonly Record<string, unknown>[];
}

/** The host formats times with .NET's "s" pattern plus Z: whole seconds. */
export const apiTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Like the host's ParseToJToken: JSON when it parses, else the raw text, null when absent. */
function parseJson(text: string | undefined): unknown {
  if (text === undefined) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function toStatusPayload(record: InstanceRecord, options: StatusOptions = {}): StatusPayload {
  const showInput = options.showInput ?? true;
  const base = {
    name: record.name,
    instanceId: record.instanceId,
    runtimeStatus: record.status,
    input: showInput ? parseJson(record.input) : null,
    customStatus: parseJson(record.customStatus),
    output: parseJson(record.output),
    createdTime: apiTime(record.createdAt),
    lastUpdatedTime: apiTime(record.lastUpdatedAt),
  };
  if (!options.showHistory || record.status === 'Pending') return base;
  const events = formatHistory(record.execution.history, options.showHistoryOutput ?? false, showInput);
  return { ...base, historyEvents: events, history: events };
}

/**
 * The host's readable history: event type names, each task's completion carrying the function name
 * and scheduled time of its scheduling event (which is then left out), no episode markers.
 */
export function formatHistory(
  history: readonly HistoryEvent[],
  showOutput: boolean,
  showInput: boolean,
): Record<string, unknown>[] {
  const scheduled = new Map<string, HistoryEvent>();
  for (const event of history) {
    if (
      event.EventType === EventType.TaskScheduled ||
      event.EventType === EventType.SubOrchestrationInstanceCreated
    ) {
      scheduled.set(`${event.EventType}:${event.EventId}`, event);
    }
  }
  const lines: Record<string, unknown>[] = [];
  for (const event of history) {
    const { EventId: _id, IsPlayed: _played, EventType: type, ...fields } = event;
    const line: Record<string, unknown> = { EventType: eventTypeName(type), ...fields };
    switch (type) {
      case EventType.OrchestratorStarted:
      case EventType.OrchestratorCompleted:
      case EventType.TaskScheduled:
      case EventType.SubOrchestrationInstanceCreated:
        continue;
      case EventType.ExecutionStarted:
        line['FunctionName'] = event.Name;
        delete line['Name'];
        delete line['OrchestrationInstance'];
        delete line['ParentInstance'];
        break;
      case EventType.TaskCompleted:
      case EventType.TaskFailed:
      case EventType.SubOrchestrationInstanceCompleted:
      case EventType.SubOrchestrationInstanceFailed: {
        const kind =
          type === EventType.TaskCompleted || type === EventType.TaskFailed
            ? EventType.TaskScheduled
            : EventType.SubOrchestrationInstanceCreated;
        const origin = scheduled.get(`${kind}:${event.TaskScheduledId}`);
        delete line['TaskScheduledId'];
        if (origin) {
          line['ScheduledTime'] = origin.Timestamp;
          line['FunctionName'] = origin.Name;
          if (showInput && origin.Input !== undefined) line['Input'] = origin.Input;
        }
        break;
      }
      case EventType.TimerFired:
        delete line['TimerId'];
        break;
      default:
        break;
    }
    if ('Result' in line) {
      if (showOutput) line['Result'] = parseJson(event.Result);
      else delete line['Result'];
    }
    if (!showInput) delete line['Input'];
    lines.push(line);
  }
  return lines;
}
