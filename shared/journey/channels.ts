import type { Channel } from '../common/contact';

/** The channels a customer can be messaged on right now: a phone without SMS opt-out, an email. */
export interface ReachableChannels {
  readonly sms: boolean;
  readonly email: boolean;
  /** Their stated preference, when they gave one. */
  readonly preferred?: Channel | undefined;
}

export const otherChannel = (channel: Channel): Channel => (channel === 'sms' ? 'email' : 'sms');

/** The preference when usable, else SMS (read sooner) before email; undefined when neither works. */
export function primaryChannel(reach: ReachableChannels): Channel | undefined {
  if (reach.preferred !== undefined && reach[reach.preferred]) return reach.preferred;
  if (reach.sms) return 'sms';
  if (reach.email) return 'email';
  return undefined;
}

export const hasAnyChannel = (reach: ReachableChannels): boolean => reach.sms || reach.email;
