import { createHash } from 'node:crypto';
import { contractSchemaVersion } from '../schemaVersion';
import type { OutboundMessage } from './messages';

/**
 * An outbound message as it is put on the utility-outbound queue, in the shape the Service Bus
 * SDK's `ServiceBusMessage` takes (kept SDK-free here).
 *
 * - `correlationId` is the Service Bus `messageId` of the inbound message this answers: the
 *   create/amend/cancel for accepted, rejected, stale and cancelled; for what the journey reports
 *   later (scheduled, onHold, completed, ...) the message that created the work order, which the
 *   work order keeps as its `correlationId`. It is a broker property, not a body field, so the
 *   utility can correlate with standard request/reply tooling.
 * - `messageId` is a digest of the correlation id and the body: a retried send of the same answer
 *   is dropped by the queue's duplicate detection; two answers to different requests never are,
 *   even when their bodies match (two identical invalid messages each get their rejection).
 * - `subject` and `applicationProperties` repeat kind and version so subscribers can route
 *   without parsing the body.
 */
export interface OutboundServiceBusMessage {
  readonly body: OutboundMessage;
  readonly contentType: 'application/json';
  readonly messageId: string;
  readonly correlationId: string;
  readonly subject: OutboundMessage['kind'];
  readonly applicationProperties: {
    readonly schemaVersion: number;
    readonly kind: OutboundMessage['kind'];
    readonly utilityCode: string;
  };
}

export function outboundServiceBusMessage(
  message: OutboundMessage,
  correlationId: string,
): OutboundServiceBusMessage {
  const messageId = createHash('sha256')
    .update(correlationId)
    .update('\n')
    .update(JSON.stringify(message))
    .digest('hex')
    .slice(0, 32);
  return {
    body: message,
    contentType: 'application/json',
    messageId,
    correlationId,
    subject: message.kind,
    applicationProperties: {
      schemaVersion: contractSchemaVersion,
      kind: message.kind,
      utilityCode: message.utilityCode ?? '',
    },
  };
}
