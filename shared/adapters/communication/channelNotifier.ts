import type { Notifier } from '../../journey/notifier';
import { err } from '../../result';

/** One notifier for both channels: each message goes to the adapter for its channel. */
export function channelNotifier(channels: {
  readonly sms?: Notifier | undefined;
  readonly email: Notifier;
}): Notifier {
  return {
    send: (message) => {
      const notifier = message.channel === 'sms' ? channels.sms : channels.email;
      if (notifier === undefined) {
        return Promise.resolve(err({ kind: 'rejected', reason: 'no SMS sender number is configured' }));
      }
      return notifier.send(message);
    },
  };
}
