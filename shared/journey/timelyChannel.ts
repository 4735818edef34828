import type { Channel } from '../common/contact';
import { otherChannel, primaryChannel, type ReachableChannels } from './channels';
import { nextAllowedTime, type QuietHours } from './quietHours';

/**
 * The channel a message that loses its point at `deadline` (an "on the way" after the technician
 * arrives) can still go out on before then: the customer's best channel when it can, else the
 * other one (email is not held by quiet hours), else none and the message is dropped.
 */
export function timelyChannel(
  reach: ReachableChannels,
  now: Date,
  quiet: QuietHours,
  deadline: Date,
): Channel | undefined {
  const sendsAt = (channel: Channel): Date => (channel === 'sms' ? nextAllowedTime(now, quiet) : now);
  const best = primaryChannel(reach);
  if (best === undefined) return undefined;
  return [best, otherChannel(best)].find((channel) => reach[channel] && sendsAt(channel) < deadline);
}
