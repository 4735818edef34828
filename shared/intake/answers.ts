import { contractSchemaVersion } from '../contracts/schemaVersion';
import type { InboundMessage } from '../contracts/inbound/messages';
import type { OutboundMessage } from '../contracts/outbound/messages';
import type { ValidationIssue } from '../validation';
import type { CancelledBy } from '../workorders/workOrderState';
import type { InboundDelivery } from './inboundDelivery';

/** An answer to the utility and the inbound message it answers (its Service Bus correlation id). */
export interface IntakeAnswer {
  readonly message: OutboundMessage;
  readonly correlationId: string;
}

const answer = (message: OutboundMessage, delivery: InboundDelivery): IntakeAnswer => ({
  message,
  correlationId: delivery.messageId,
});

const envelope = (message: InboundMessage, workOrderId: string, delivery: InboundDelivery) => ({
  schemaVersion: contractSchemaVersion as typeof contractSchemaVersion,
  utilityCode: message.utilityCode,
  externalId: message.externalId,
  workOrderId,
  occurredAt: delivery.enqueuedAt,
});

export const accepted = (message: InboundMessage, workOrderId: string, delivery: InboundDelivery) =>
  answer(
    { kind: 'accepted', ...envelope(message, workOrderId, delivery), revision: message.revision },
    delivery,
  );

export const stale = (
  message: InboundMessage,
  workOrderId: string,
  currentRevision: number,
  delivery: InboundDelivery,
) =>
  answer(
    {
      kind: 'stale',
      ...envelope(message, workOrderId, delivery),
      receivedRevision: message.revision,
      currentRevision,
    },
    delivery,
  );

export const cancelled = (
  message: InboundMessage,
  workOrderId: string,
  cancelledBy: CancelledBy,
  reason: string | undefined,
  delivery: InboundDelivery,
) =>
  answer(
    {
      kind: 'cancelled',
      ...envelope(message, workOrderId, delivery),
      cancelledBy,
      ...(reason === undefined ? {} : { reason }),
    },
    delivery,
  );

const stringField = (raw: unknown, field: string): string | undefined => {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const value = (raw as Record<string, unknown>)[field];
  return typeof value === 'string' && value.length <= 200 ? value : undefined;
};

/**
 * A message we do not take on. The utility code and external id are echoed as far as they could
 * be read, so the utility can match the rejection even for a message that failed validation.
 */
export const rejected = (
  raw: unknown,
  issues: readonly ValidationIssue[],
  delivery: InboundDelivery,
  workOrderId?: string,
) => {
  const utilityCode = stringField(raw, 'utilityCode');
  const externalId = stringField(raw, 'externalId');
  return answer(
    {
      kind: 'rejected',
      schemaVersion: contractSchemaVersion,
      ...(utilityCode === undefined ? {} : { utilityCode }),
      ...(externalId === undefined ? {} : { externalId }),
      ...(workOrderId === undefined ? {} : { workOrderId }),
      occurredAt: delivery.enqueuedAt,
      issues: [...issues],
    },
    delivery,
  );
};
