import type { ServiceBusClient, ServiceBusReceivedMessage } from '@azure/service-bus';

import { originalMessageIdProperty } from '../../shared/intake/inboundDelivery';

export { originalMessageIdProperty };

export interface DeadLetterSummary {
  readonly sequenceNumber: string;
  readonly messageId: string;
  readonly enqueuedAt: string | undefined;
  readonly deliveryCount: number | undefined;
  readonly reason: string | undefined;
  readonly description: string | undefined;
}

export const summarise = (message: ServiceBusReceivedMessage): DeadLetterSummary => ({
  sequenceNumber: message.sequenceNumber?.toString() ?? '',
  messageId: String(message.messageId ?? ''),
  enqueuedAt: message.enqueuedTimeUtc?.toISOString(),
  deliveryCount: message.deliveryCount,
  reason: message.deadLetterReason,
  description: message.deadLetterErrorDescription,
});

/** The queue's dead letters, oldest first, without taking them. */
export async function listDeadLetters(
  client: ServiceBusClient,
  queue: string,
  max = 100,
): Promise<ServiceBusReceivedMessage[]> {
  const receiver = client.createReceiver(queue, { subQueueType: 'deadLetter' });
  try {
    return await receiver.peekMessages(max, { fromSequenceNumber: undefined });
  } finally {
    await receiver.close();
  }
}

/**
 * Sends dead letters back to their queue (all, or those with the given sequence numbers) and
 * completes each only after its copy is sent, so none is lost if this stops half-way.
 */
export async function resubmitDeadLetters(
  client: ServiceBusClient,
  queue: string,
  only?: ReadonlySet<string>,
): Promise<DeadLetterSummary[]> {
  const receiver = client.createReceiver(queue, { subQueueType: 'deadLetter' });
  const sender = client.createSender(queue);
  const resubmitted: DeadLetterSummary[] = [];
  // Messages passed over stay locked until the end, so the next receive moves on past them.
  const passedOver: ServiceBusReceivedMessage[] = [];
  try {
    for (;;) {
      const batch = await receiver.receiveMessages(50, { maxWaitTimeInMs: 1_000 });
      if (batch.length === 0) break;
      for (const message of batch) {
        const summary = summarise(message);
        if (only !== undefined && !only.has(summary.sequenceNumber)) {
          passedOver.push(message);
          continue;
        }
        const original = message.applicationProperties?.[originalMessageIdProperty] ?? message.messageId;
        await sender.sendMessages({
          body: message.body,
          ...(message.contentType === undefined ? {} : { contentType: message.contentType }),
          ...(message.subject === undefined ? {} : { subject: message.subject }),
          ...(message.correlationId === undefined ? {} : { correlationId: message.correlationId }),
          messageId: `${String(original)}:resubmit:${summary.sequenceNumber}`,
          applicationProperties: {
            ...message.applicationProperties,
            [originalMessageIdProperty]: String(original),
          },
        });
        await receiver.completeMessage(message);
        resubmitted.push(summary);
      }
    }
    for (const message of passedOver) await receiver.abandonMessage(message);
  } finally {
    await sender.close();
    await receiver.close();
  }
  return resubmitted;
}
