export { DurableEngine } from './engine';
export type {
  ClientError,
  ClientErrorKind,
  DurableEngineOptions,
  EngineResidentState,
  EngineStats,
} from './engine';
export { EventType, eventTypeName } from './historyEvent';
export type { FailureDetailsPayload, HistoryEvent } from './historyEvent';
export { isTerminal, runtimeStatuses } from './instance';
export type { InstanceRecord, RuntimeStatus } from './instance';
export { MemoryInstanceStore } from './memoryStore';
export { FileInstanceStore } from './fileStore';
export { FileEntityStore } from './fileEntityStore';
export { MemoryEntityStore } from './memoryEntityStore';
export type { EntityQuery, EntityStore } from './entityStore';
export type { InstanceQuery, InstanceStore } from './store';
export type { StatusOptions, StatusPayload } from './statusView';
