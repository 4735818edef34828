export { DurableEngine } from './engine';
export type { ClientError, ClientErrorKind, DurableEngineOptions, EngineStats } from './engine';
export { EventType, eventTypeName } from './historyEvent';
export type { FailureDetailsPayload, HistoryEvent } from './historyEvent';
export { isTerminal, runtimeStatuses } from './instance';
export type { InstanceRecord, RuntimeStatus } from './instance';
export { MemoryInstanceStore } from './memoryStore';
export type { InstanceQuery, InstanceStore } from './store';
export type { StatusOptions, StatusPayload } from './statusView';
