import type { JourneyStatus } from '../../shared/journey/journeyStatus';
import type { Notification } from '../../shared/notifications/notification';
import type { TimelineEvent } from '../../shared/timeline/timelineEvent';

/**
 * One line of a journey's timeline: a message sent (with its delivery status), an answer from the
 * customer, something staff did (with their user id), or another step the journey took.
 */
export type TimelineEntry =
  | { readonly kind: 'message'; readonly at: string; readonly notification: Notification }
  | { readonly kind: 'answer'; readonly at: string; readonly event: TimelineEvent }
  | { readonly kind: 'staff'; readonly at: string; readonly event: TimelineEvent }
  | { readonly kind: 'step'; readonly at: string; readonly event: TimelineEvent };

const kindOf = (event: TimelineEvent): 'answer' | 'staff' | 'step' => {
  switch (event.actor.kind) {
    case 'customer':
      return 'answer';
    case 'ops':
    case 'agent':
      return 'staff';
    case 'system':
    case 'utility':
    case 'technician':
      return 'step';
    default: {
      const unknown: never = event.actor.kind;
      throw new Error(`unknown actor ${String(unknown)}`);
    }
  }
};

/** Newest first, as ops read it; a message counts from when it was made, not from its last report. */
export function journeyTimeline(
  events: readonly TimelineEvent[],
  notifications: readonly Notification[],
): readonly TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...events.map((event) => ({ kind: kindOf(event), at: event.occurredAt, event })),
    ...notifications.map((notification) => ({
      kind: 'message' as const,
      at: notification.createdAt,
      notification,
    })),
  ];
  return entries.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/** Whether the next action is overdue: its time has passed and the journey has not moved on. */
export const isOverdue = (status: JourneyStatus | undefined, now: Date): boolean =>
  status?.next !== undefined && Date.parse(status.next.at) < now.getTime();
