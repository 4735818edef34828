import type { Customer } from '../../../shared/customers/customer';
import type {
  JourneyRecords,
  MessageClaim,
  ProviderMessageLink,
} from '../../../shared/journey/journeyRecords';
import type { Notification } from '../../../shared/notifications/notification';
import type { TimelineEvent } from '../../../shared/timeline/timelineEvent';
import type { VisitReport } from '../../../shared/workorders/visitReport';
import type { WorkOrder } from '../../../shared/workorders/workOrder';

/** The journey's records in memory, with ETags, for activity tests. */
export class MemoryRecords implements JourneyRecords {
  workOrders = new Map<string, { value: WorkOrder; etag: string }>();
  customers = new Map<string, Customer>();
  events = new Map<string, TimelineEvent>();
  claims = new Map<string, MessageClaim>();
  notifications = new Map<string, Notification>();
  providerLinks = new Map<string, ProviderMessageLink>();
  reports = new Map<string, VisitReport>();
  #etag = 0;
  /** Called before each replace; lets a test change the work order under the activity. */
  beforeReplace: (() => void) | undefined;

  putWorkOrder(workOrder: WorkOrder): void {
    this.workOrders.set(workOrder.id, { value: workOrder, etag: `e${++this.#etag}` });
  }

  async getWorkOrder(id: string) {
    return this.workOrders.get(id);
  }
  async replaceWorkOrder(workOrder: WorkOrder, etag: string) {
    this.beforeReplace?.();
    if (this.workOrders.get(workOrder.id)?.etag !== etag) return 'conflict' as const;
    this.putWorkOrder(workOrder);
    return 'replaced' as const;
  }
  async getCustomer(id: string) {
    return this.customers.get(id);
  }
  async addTimelineEvent(event: TimelineEvent) {
    if (!this.events.has(event.id)) this.events.set(event.id, event);
  }
  async claimMessage(claim: MessageClaim) {
    const existing = this.claims.get(claim.notificationId);
    if (existing !== undefined) return { claimed: false as const, existing };
    this.claims.set(claim.notificationId, claim);
    return { claimed: true as const };
  }
  async settleMessage(claim: MessageClaim) {
    this.claims.set(claim.notificationId, claim);
  }
  async releaseMessage(notificationId: string) {
    this.claims.delete(notificationId);
  }
  async saveNotification(notification: Notification) {
    this.notifications.set(notification.id, notification);
  }
  async getNotification(_workOrderId: string, notificationId: string) {
    return this.notifications.get(notificationId);
  }
  async linkProviderMessage(link: ProviderMessageLink) {
    this.providerLinks.set(link.providerMessageId, link);
  }
  async findProviderMessage(providerMessageId: string) {
    return this.providerLinks.get(providerMessageId);
  }
  async listNotifications(workOrderId: string, limit: number) {
    return [...this.notifications.values()]
      .filter((n) => n.subjectId === workOrderId)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, limit);
  }
  async getVisitReport(_workOrderId: string, reportId: string) {
    return this.reports.get(reportId);
  }
}
