export type { PlannedFailure } from './failurePlan';
export { outboxMessageSchema, type OutboxChannel, type OutboxMessage } from './outboxMessage';
export { renderOutboxPage } from './outboxPage';
export type { OutboxListener } from './outboxRecorder';
export { startOutbox, type Outbox, type OutboxOptions } from './outboxServer';
export { smsReceivedEvent, smsReplyHandler, type SmsReplyOptions, type SmsReplyTarget } from './smsReply';
