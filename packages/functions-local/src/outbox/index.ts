export type { PlannedFailure } from './failurePlan';
export { outboxMessageSchema, type OutboxChannel, type OutboxMessage } from './outboxMessage';
export { renderOutboxPage } from './outboxPage';
export type { OutboxListener } from './outboxRecorder';
export { startOutbox, type Outbox, type OutboxOptions } from './outboxServer';
