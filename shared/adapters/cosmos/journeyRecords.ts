import { z } from 'zod';
import { Channel } from '../../common/contact';
import type { JourneyRecords, MessageClaim, ProviderMessageLink } from '../../journey/journeyRecords';
import { Notification } from '../../notifications/notification';
import { VisitReport } from '../../workorders/visitReport';
import type { CosmosStore } from '../clients/cosmos';
import { cosmosStatusOf as codeOf, readItem } from './items';
import { workOrderDocuments } from './workOrderDocuments';

const MessageClaimDocument = z.object({
  notificationId: z.string(),
  workOrderId: z.string(),
  channel: Channel,
  state: z.enum(['sending', 'sent', 'failed', 'suppressed']),
  providerMessageId: z.string().optional(),
});

const ProviderLinkDocument = z.object({
  providerMessageId: z.string(),
  workOrderId: z.string(),
  notificationId: z.string(),
  channel: Channel,
});

/** A stored visit report: the technician API keeps it in the timeline under its work order. */
const VisitReportDocument = z.object({ report: VisitReport });

const claimId = (notificationId: string): string => `msg:${notificationId}`;
const providerId = (providerMessageId: string): string => `acs:${providerMessageId}`;

/**
 * The journey's records in Cosmos DB. Every read is a point read except the communication log,
 * a single-partition query that names the partition key in its WHERE (the embedded emulator
 * ignores the partition-key option). Uniqueness comes from deterministic ids and create-409,
 * concurrency from ETags.
 */
export function cosmosJourneyRecords(store: CosmosStore): JourneyRecords {
  const timeline = store.container('timeline');
  const idempotency = store.container('idempotency');

  return {
    ...workOrderDocuments(store),
    async claimMessage(claim) {
      try {
        await idempotency.items.create({ id: claimId(claim.notificationId), ...claim });
        return { claimed: true };
      } catch (error) {
        if (codeOf(error) !== 409) throw error;
        const existing = await readItem(
          idempotency,
          claimId(claim.notificationId),
          claimId(claim.notificationId),
        );
        if (existing === undefined) {
          throw new Error('message claim vanished between create and read; retry', { cause: error });
        }
        return { claimed: false, existing: MessageClaimDocument.parse(existing.resource) };
      }
    },
    async settleMessage(claim: MessageClaim) {
      await idempotency.items.upsert({ id: claimId(claim.notificationId), ...claim });
    },
    async releaseMessage(notificationId) {
      try {
        await idempotency.item(claimId(notificationId), claimId(notificationId)).delete();
      } catch (error) {
        if (codeOf(error) !== 404) throw error;
      }
    },
    async saveNotification(notification) {
      await timeline.items.upsert(notification);
    },
    async getNotification(workOrderId, notificationId) {
      const item = await readItem(timeline, notificationId, workOrderId);
      return item === undefined ? undefined : Notification.parse(item.resource);
    },
    async linkProviderMessage(link: ProviderMessageLink) {
      await idempotency.items.upsert({ id: providerId(link.providerMessageId), ...link });
    },
    async findProviderMessage(providerMessageId) {
      const item = await readItem(idempotency, providerId(providerMessageId), providerId(providerMessageId));
      return item === undefined ? undefined : ProviderLinkDocument.parse(item.resource);
    },
    async listNotifications(workOrderId, limit) {
      const { resources } = await timeline.items
        .query({
          query:
            "SELECT TOP @limit * FROM c WHERE c.subjectId = @workOrderId AND c.docType = 'notification' ORDER BY c.createdAt DESC",
          parameters: [
            { name: '@limit', value: limit },
            { name: '@workOrderId', value: workOrderId },
          ],
        })
        .fetchAll();
      return resources.map((resource) => Notification.parse(resource));
    },
    async getVisitReport(workOrderId, reportId) {
      const item = await readItem(timeline, reportId, workOrderId);
      return item === undefined ? undefined : VisitReportDocument.parse(item.resource).report;
    },
  };
}
