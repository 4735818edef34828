import type { Channel } from '../common/contact';
import type { Versioned } from '../common/versioned';
import type { Customer } from '../customers/customer';
import type { Notification, NotificationStatus } from '../notifications/notification';
import type { TimelineEvent } from '../timeline/timelineEvent';
import type { VisitReport } from '../workorders/visitReport';
import type { WorkOrder } from '../workorders/workOrder';

/**
 * The at-most-once record of one message, created before it is sent. `sending` without a provider
 * id after a crash means "may have gone out": it is never sent again.
 */
export interface MessageClaim {
  readonly notificationId: string;
  readonly workOrderId: string;
  readonly channel: Channel;
  readonly state: 'sending' | 'sent' | 'failed' | 'suppressed';
  readonly providerMessageId?: string | undefined;
}

/** Which message a provider id belongs to, for delivery reports. */
export interface ProviderMessageLink {
  readonly providerMessageId: string;
  readonly workOrderId: string;
  readonly notificationId: string;
  readonly channel: Channel;
}

/** The journey's storage port; Cosmos DB behind it (`shared/adapters/cosmos/journeyRecords.ts`). */
export interface JourneyRecords {
  getWorkOrder(workOrderId: string): Promise<Versioned<WorkOrder> | undefined>;
  /** `conflict` when someone else changed it since `etag`: read again and reapply. */
  replaceWorkOrder(workOrder: WorkOrder, etag: string): Promise<'replaced' | 'conflict'>;
  getCustomer(customerId: string): Promise<Customer | undefined>;
  /** Creates the event; one that already exists (a retried activity) is left as it is. */
  addTimelineEvent(event: TimelineEvent): Promise<void>;
  /** Creates the claim, or returns the one that exists. */
  claimMessage(
    claim: MessageClaim,
  ): Promise<{ readonly claimed: true } | { readonly claimed: false; readonly existing: MessageClaim }>;
  settleMessage(claim: MessageClaim): Promise<void>;
  /** Gives the claim up when nothing was sent (throttled), so a retry may send. */
  releaseMessage(notificationId: string): Promise<void>;
  saveNotification(notification: Notification): Promise<void>;
  getNotification(workOrderId: string, notificationId: string): Promise<Notification | undefined>;
  linkProviderMessage(link: ProviderMessageLink): Promise<void>;
  findProviderMessage(providerMessageId: string): Promise<ProviderMessageLink | undefined>;
  /** The work order's messages, newest first, at most `limit`. */
  listNotifications(workOrderId: string, limit: number): Promise<readonly Notification[]>;
  getVisitReport(workOrderId: string, reportId: string): Promise<VisitReport | undefined>;
}

/** The delivery statuses a report may move a notification to, and which moves are allowed. */
export const canMoveNotification = (from: NotificationStatus, to: NotificationStatus): boolean =>
  from !== to && (from === 'queued' || from === 'sent');

export type { UtilityOutbox } from '../contracts/outbound/utilityOutbox';
export type { Versioned } from '../common/versioned';
