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

/**
 * What Service Bus says when a transfer is larger than the link's max-message-size (256 KB on the
 * Standard tier): the delivery is rejected with `amqp:link:message-size-exceeded`, which
 * @azure/core-amqp maps to MessageTooLargeError and the SDK surfaces as ServiceBusError code
 * `MessageSizeExceeded` (wellKnownMessageCodesToServiceBusCodes).
 */
export const messageSizeExceeded = (deliveryId: number, size: number, limit: number): BrokerError =>
  error(
    'amqp:link:message-size-exceeded',
    413,
    `The received message (delivery-id:${deliveryId}, size:${size} bytes) exceeds the limit (${limit} bytes) currently allowed on the link.`,
  );

// Session conditions as Service Bus sends them; the SDK maps them to SessionCannotBeLocked and
// SessionLockLost, and `com.microsoft:timeout` (no session free for acceptNextSession) to ServiceTimeout.
export const sessionCannotBeLocked = (description: string): BrokerError =>
  error('com.microsoft:session-cannot-be-locked', 410, description);

export const sessionLockLost = (sessionId: string): BrokerError =>
  error(
    'com.microsoft:session-lock-lost',
    410,
    `The session lock has expired on the MessageSession. Accept a new MessageSession. SessionId: ${sessionId}.`,
  );

export const noSessionAvailable = (): BrokerError =>
  error(
    'com.microsoft:timeout',
    408,
    'The operation did not complete within the allotted timeout: no unlocked session is available.',
  );

export const notAllowed = (description: string): BrokerError => error('amqp:not-allowed', 400, description);

export const decodeError = (description: string): BrokerError => error('amqp:decode-error', 400, description);

/** The wire shape rhea expects (status travels separately). */
export const amqpError = (e: BrokerError): { condition: string; description: string } => ({
  condition: e.condition,
  description: e.description,
});
