import type { LinkPurpose } from '../journey/purposes';

/**
 * Which links open which self-service actions. A book or reschedule link (an invitation lives for
 * weeks and may be forwarded) books, moves or gives up the appointment, which the customer can
 * undo; only a cancel link, sent with each confirmation, declines the work, which cannot be
 * undone, and then only through its own confirmation page. A status link only shows where things
 * stand. Survey links answer the survey.
 */
export const actionPurposes = {
  manage: ['book', 'reschedule', 'cancel'],
  declineWork: ['cancel'],
  status: ['book', 'reschedule', 'cancel', 'status'],
  survey: ['survey'],
} as const satisfies Record<string, readonly LinkPurpose[]>;

export type LinkAction = keyof typeof actionPurposes;

export const allows = (action: LinkAction, purpose: LinkPurpose): boolean =>
  (actionPurposes[action] as readonly LinkPurpose[]).includes(purpose);
