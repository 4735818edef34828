import type { Channel } from '../common/contact';
import type { AttemptChannels, JourneyCadence } from './cadence';
import { otherChannel, primaryChannel, type ReachableChannels } from './channels';
import { nextAllowedTime } from './quietHours';
import { addLocalHours } from '../common/zonedTime';

export interface ContactAttempt {
  /** 1-based. */
  readonly attempt: number;
  readonly channels: readonly Channel[];
  /** When to send: the planned time, moved out of quiet hours when a text is among the channels. */
  readonly sendAt: Date;
  /** When this attempt counts as unanswered: the next attempt's planned time, or the hold time after the last. */
  readonly answerBy: Date;
}

/** The channels one attempt uses, given what the customer can be reached on now. */
export function channelsForAttempt(strategy: AttemptChannels, reach: ReachableChannels): Channel[] {
  const primary = primaryChannel(reach);
  if (primary === undefined) return [];
  const other = otherChannel(primary);
  const otherUsable = reach[other];
  switch (strategy) {
    case 'preferred':
      return [primary];
    case 'other':
      return [otherUsable ? other : primary];
    case 'both':
      return otherUsable ? [primary, other] : [primary];
    default: {
      const unhandled: never = strategy;
      throw new Error(`unknown attempt strategy ${String(unhandled)}`);
    }
  }
}

/**
 * Attempt `attempt` of the invitation cadence that started at `contactStartedAt`. Planned times are
 * counted from the start, not from the previous send, so a quiet-hours shift never drifts the
 * later attempts; the shift itself applies only when the attempt includes an SMS.
 * Undefined past the last attempt.
 */
export function contactAttempt(
  cadence: JourneyCadence,
  contactStartedAt: Date,
  attempt: number,
  reach: ReachableChannels,
): ContactAttempt | undefined {
  const strategy = cadence.contactAttempts[attempt - 1];
  if (strategy === undefined) return undefined;
  const planned = addLocalHours(
    contactStartedAt,
    (attempt - 1) * cadence.contactIntervalHours,
    cadence.timeZone,
  );
  const channels = channelsForAttempt(strategy, reach);
  const sendAt = channels.includes('sms') ? nextAllowedTime(planned, cadence.quietHours) : planned;
  const answerBy = addLocalHours(contactStartedAt, attempt * cadence.contactIntervalHours, cadence.timeZone);
  return { attempt, channels, sendAt, answerBy: answerBy > sendAt ? answerBy : sendAt };
}
