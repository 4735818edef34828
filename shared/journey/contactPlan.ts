import type { Channel } from '../common/contact';
import type { AttemptChannels, JourneyCadence } from './cadence';
import { otherChannel, primaryChannel, type ReachableChannels } from './channels';
import { nextAllowedTime } from './quietHours';
import { addLocalHours } from '../common/zonedTime';

export interface ContactAttempt {
  /** 1-based. */
  readonly attempt: number;
  readonly channels: readonly Channel[];
  /** When to send: the planned time, moved out of quiet hours. */
  readonly sendAt: Date;
  /** When this attempt counts as unanswered: the next attempt's planned time, or the hold time after the last. */
  readonly answerBy: Date;
}

/**
 * The channels one attempt uses, given what the customer can be reached on now. A stated
 * preference that still works is the only channel of every attempt; the strategy applies when
 * there is none (or it stopped working: an opt-out, no such contact point).
 */
export function channelsForAttempt(strategy: AttemptChannels, reach: ReachableChannels): Channel[] {
  const primary = primaryChannel(reach);
  if (primary === undefined) return [];
  if (reach.preferred === primary) return [primary];
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
 * later attempts; any channel waits for the end of quiet hours. An attempt counts as unanswered a
 * full interval after it actually went out, so the last one gets its 48 h before the hold too.
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
  const sendAt = nextAllowedTime(planned, cadence.quietHours);
  const nextPlanned = addLocalHours(
    contactStartedAt,
    attempt * cadence.contactIntervalHours,
    cadence.timeZone,
  );
  const aWholeInterval = addLocalHours(sendAt, cadence.contactIntervalHours, cadence.timeZone);
  return { attempt, channels, sendAt, answerBy: nextPlanned > aWholeInterval ? nextPlanned : aWholeInterval };
}
