import type { EmailClient } from '@azure/communication-email';
import { operationIdFor } from '../../journey/notificationId';
import type { Notifier, OutgoingMessage, SendFailure, SentReceipt } from '../../journey/notifier';
import { err, ok, type Result } from '../../result';
import {
  defaultRetryPolicy,
  isThrottled,
  statusOf,
  withThrottlingRetry,
  type RetryPolicy,
} from './throttlingRetry';

export interface AcsEmailOptions {
  readonly client: Pick<EmailClient, 'beginSend'>;
  /** The verified sender address (`AcsEmailSender`). */
  readonly sender: string;
  readonly retry?: RetryPolicy;
  /** How often the send poller asks for the result; ACS suggests its own interval too. */
  readonly pollIntervalMs?: number;
}

/**
 * Email through Azure Communication Services' long-running send. The operation id is derived
 * from our notification id, so a send repeated after a crash is the same operation to ACS, and it
 * is the id the delivery report names. Throttling on the send is retried, then reported as
 * unavailable; a send that ends Failed or Canceled is a refusal.
 */
export function createAcsEmailNotifier(options: AcsEmailOptions): Notifier {
  const retry = options.retry ?? defaultRetryPolicy;
  return {
    async send(message: OutgoingMessage): Promise<Result<SentReceipt, SendFailure>> {
      if (message.channel !== 'email')
        return err({ kind: 'rejected', reason: 'the email notifier only sends email' });
      const operationId = operationIdFor(message.reference);
      try {
        const result = await withThrottlingRetry(async () => {
          const poller = await options.client.beginSend(
            {
              senderAddress: options.sender,
              recipients: { to: [{ address: message.to }] },
              content: { subject: message.subject, plainText: message.text },
              ...(message.attachments === undefined
                ? {}
                : {
                    attachments: message.attachments.map((attachment) => ({
                      name: attachment.name,
                      contentType: attachment.contentType,
                      contentInBase64: Buffer.from(attachment.content, 'utf8').toString('base64'),
                    })),
                  }),
              headers: { 'x-fieldline-notification': message.reference },
            },
            {
              operationId,
              ...(options.pollIntervalMs === undefined ? {} : { updateIntervalInMs: options.pollIntervalMs }),
            },
          );
          return poller.pollUntilDone();
        }, retry);
        if (result.status === 'Succeeded') return ok({ providerMessageId: result.id || operationId });
        return err({
          kind: 'rejected',
          reason: `ACS email ${result.status}: ${result.error?.message ?? 'no reason'}`,
        });
      } catch (error) {
        if (isThrottled(error)) return err({ kind: 'unavailable', reason: 'ACS email is throttling' });
        const status = statusOf(error);
        if (status !== undefined && status >= 400 && status < 500) {
          return err({ kind: 'rejected', reason: `ACS refused the email (${status})` });
        }
        throw error;
      }
    },
  };
}
