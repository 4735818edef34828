import type { SmsClient } from '@azure/communication-sms';
import type { Notifier, OutgoingMessage, SendFailure, SentReceipt } from '../../journey/notifier';
import { err, ok, type Result } from '../../result';
import { defaultRetryPolicy, isThrottled, withThrottlingRetry, type RetryPolicy } from './throttlingRetry';

export interface AcsSmsOptions {
  readonly client: Pick<SmsClient, 'send'>;
  /** The ACS phone number we send from (E.164). */
  readonly from: string;
  readonly retry?: RetryPolicy;
}

/**
 * SMS through Azure Communication Services. Delivery reports are requested and carry our
 * notification id as the tag. ACS answers per recipient: a non-successful result is a refusal of
 * that number; throttling (429/503 on the call or per recipient) is retried, then reported as
 * unavailable.
 */
export function createAcsSmsNotifier(options: AcsSmsOptions): Notifier {
  const retry = options.retry ?? defaultRetryPolicy;
  return {
    async send(message: OutgoingMessage): Promise<Result<SentReceipt, SendFailure>> {
      if (message.channel !== 'sms')
        return err({ kind: 'rejected', reason: 'the SMS notifier only sends SMS' });
      try {
        const result = await withThrottlingRetry(async () => {
          const [first] = await options.client.send(
            { from: options.from, to: [message.to], message: message.text },
            { enableDeliveryReport: true, tag: message.reference },
          );
          if (first === undefined) throw new Error('ACS returned no result for the recipient');
          if (!first.successful && (first.httpStatusCode === 429 || first.httpStatusCode === 503)) {
            throw Object.assign(new Error(first.errorMessage ?? 'throttled'), {
              statusCode: first.httpStatusCode,
            });
          }
          return first;
        }, retry);
        if (result.successful && result.messageId !== undefined)
          return ok({ providerMessageId: result.messageId });
        return err({
          kind: 'rejected',
          reason: `ACS refused the SMS (${result.httpStatusCode}): ${result.errorMessage ?? 'no reason'}`,
        });
      } catch (error) {
        if (isThrottled(error)) return err({ kind: 'unavailable', reason: 'ACS SMS is throttling' });
        throw error;
      }
    },
  };
}
