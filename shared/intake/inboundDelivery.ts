import { err, ok, type Result } from '../result';
import type { ValidationIssue } from '../validation';

/**
 * One delivery of an inbound Service Bus message, as the trigger hands it over. `enqueuedAt` is the
 * broker's time, the same on every redelivery: answers that need a time use it, so a retried
 * answer is byte-identical and the outbound queue's duplicate detection drops it.
 */
export interface InboundDelivery {
  readonly messageId: string;
  readonly enqueuedAt: string;
  readonly deliveryCount: number;
  readonly body: unknown;
}

/**
 * A message resubmitted from the dead-letter queue gets a new messageId (or the queue's duplicate
 * detection would drop it) and keeps its first one in this application property. Intake takes that
 * as the message's identity, so a message half-imported before it was dead-lettered resumes
 * instead of being taken for a duplicate.
 */
export const originalMessageIdProperty = 'fieldlineOriginalMessageId';

const decoder = new TextDecoder('utf-8', { fatal: true });

function parseJson(text: string): Result<unknown, ValidationIssue[]> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : 'unreadable';
    return err([{ path: '', message: `body is not valid JSON: ${reason}` }]);
  }
}

/**
 * The Functions host parses a JSON body before the handler sees it and passes anything else as a
 * string or bytes, so a malformed message arrives as text: it is parsed here to say why it is bad.
 */
export function readInboundBody(body: unknown): Result<unknown, ValidationIssue[]> {
  if (body instanceof Uint8Array) {
    let text: string;
    try {
      text = decoder.decode(body);
    } catch {
      return err([{ path: '', message: 'body is not UTF-8 text' }]);
    }
    return parseJson(text);
  }
  if (typeof body === 'string') return parseJson(body);
  return ok(body);
}
