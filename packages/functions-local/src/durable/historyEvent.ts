/**
 * History events exactly as the Durable extension hands them to an out-of-process orchestrator:
 * PascalCase properties and numeric `EventType`s, the shape `durable-functions` replays
 * (see node_modules/durable-functions/lib/src/history/).
 */
export const EventType = {
  ExecutionStarted: 0,
  ExecutionCompleted: 1,
  ExecutionFailed: 2,
  ExecutionTerminated: 3,
  TaskScheduled: 4,
  TaskCompleted: 5,
  TaskFailed: 6,
  SubOrchestrationInstanceCreated: 7,
  SubOrchestrationInstanceCompleted: 8,
  SubOrchestrationInstanceFailed: 9,
  TimerCreated: 10,
  TimerFired: 11,
  OrchestratorStarted: 12,
  OrchestratorCompleted: 13,
  EventSent: 14,
  EventRaised: 15,
  ContinueAsNew: 16,
  GenericEvent: 17,
  HistoryState: 18,
  ExecutionSuspended: 19,
  ExecutionResumed: 20,
} as const;

export type EventTypeName = keyof typeof EventType;
export type EventTypeNumber = (typeof EventType)[EventTypeName];

export const eventTypeName = (type: number): string =>
  (Object.keys(EventType) as EventTypeName[]).find((name) => EventType[name] === type) ?? String(type);

/** `DurableTask.Core.FailureDetails` on the wire; `durable-functions` turns it into a `TaskFailedError`. */
export interface FailureDetailsPayload {
  readonly ErrorType: string;
  readonly ErrorMessage: string;
  readonly StackTrace?: string;
  readonly IsNonRetriable: boolean;
  readonly Properties?: Readonly<Record<string, unknown>>;
  readonly InnerFailure?: FailureDetailsPayload;
}

export interface HistoryEvent {
  readonly EventType: EventTypeNumber;
  readonly EventId: number;
  /** ISO-8601; the library revives it into a Date. */
  readonly Timestamp: string;
  /** False only for the events new to the episode being run, as the host marks them. */
  readonly IsPlayed: boolean;
  readonly Name?: string;
  readonly Input?: string;
  readonly Result?: string;
  readonly Reason?: string;
  readonly Details?: string;
  readonly FailureDetails?: FailureDetailsPayload;
  readonly TaskScheduledId?: number;
  readonly TimerId?: number;
  readonly FireAt?: string;
  readonly InstanceId?: string;
  readonly OrchestrationStatus?: string;
  readonly OrchestrationInstance?: { readonly InstanceId: string; readonly ExecutionId: string };
  readonly ParentInstance?: { readonly InstanceId: string; readonly TaskScheduledId: number };
}

type EventFields = Omit<HistoryEvent, 'EventType' | 'EventId' | 'Timestamp' | 'IsPlayed'>;

/** A new (not yet played) event; `EventId` is the task's sequence number or -1 as the host does. */
export const historyEvent = (
  type: EventTypeNumber,
  at: number,
  fields: EventFields = {},
  eventId = -1,
): HistoryEvent => ({
  EventType: type,
  EventId: eventId,
  Timestamp: new Date(at).toISOString(),
  IsPlayed: false,
  ...fields,
});
