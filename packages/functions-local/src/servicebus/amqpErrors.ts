/** An AMQP error as it travels in a detach, a rejected outcome or a management response. */
export interface BrokerError {
  readonly condition: string;
  readonly description: string;
  /** Management responses carry an HTTP-like status alongside the condition. */
  readonly status: number;
}

const error = (condition: string, status: number, description: string): BrokerError => ({
  condition,
  status,
  description,
});

// Service Bus answers an unknown entity with `amqp:not-found` and this wording; the SDK recognises the
// wording and reports `MessagingEntityNotFound` (not retried), so the same text is used here.
export const entityNotFound = (endpoint: string, entity: string): BrokerError =>
  error('amqp:not-found', 404, `The messaging entity '${endpoint}${entity}' could not be found.`);

export const lockLost = (): BrokerError =>
  error(
    'com.microsoft:message-lock-lost',
    410,
    'The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue.',
  );

export const messageNotFound = (description: string): BrokerError =>
  error('com.microsoft:message-not-found', 404, description);

export const notImplemented = (description: string): BrokerError =>
  error('amqp:not-implemented', 501, description);

export const badRequest = (description: string): BrokerError =>
  error('com.microsoft:argument-error', 400, description);

export const decodeError = (description: string): BrokerError => error('amqp:decode-error', 400, description);

/** The wire shape rhea expects (status travels separately). */
export const amqpError = (e: BrokerError): { condition: string; description: string } => ({
  condition: e.condition,
  description: e.description,
});
