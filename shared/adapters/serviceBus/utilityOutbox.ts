import type { ServiceBusSender } from '@azure/service-bus';
import type { UtilityOutbox } from '../../contracts/outbound/utilityOutbox';

/**
 * The utility-outbound queue through the Service Bus SDK. Intake answers and journey news carry a
 * deterministic messageId, so a send repeated after a crash is dropped by duplicate detection.
 */
export function serviceBusUtilityOutbox(sender: ServiceBusSender): UtilityOutbox {
  return {
    async publish(message) {
      await sender.sendMessages({
        body: message.body,
        contentType: message.contentType,
        messageId: message.messageId,
        correlationId: message.correlationId,
        subject: message.subject,
        applicationProperties: { ...message.applicationProperties },
      });
    },
  };
}
