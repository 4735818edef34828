import type { Result } from '../result';

/** One message to one recipient, ready to send; `reference` is our notification id, sent as the ACS tag. */
export type OutgoingMessage =
  | { readonly channel: 'sms'; readonly to: string; readonly text: string; readonly reference: string }
  | {
      readonly channel: 'email';
      readonly to: string;
      readonly subject: string;
      readonly text: string;
      readonly reference: string;
      /** Text attachments, e.g. the appointment as an .ics file. */
      readonly attachments?: readonly EmailAttachment[] | undefined;
    };

export interface EmailAttachment {
  readonly name: string;
  readonly contentType: string;
  readonly content: string;
}

/**
 * `rejected`: the provider refused this message for good (bad number, blocked address); trying
 * again will not help, another channel might. `unavailable`: throttled or down after the
 * adapter's own retries; nothing was sent, so the caller may try again later.
 */
export type SendFailure =
  | { readonly kind: 'rejected'; readonly reason: string }
  | { readonly kind: 'unavailable'; readonly reason: string };

export interface SentReceipt {
  /** The ACS message id (SMS) or operation id (email); delivery reports name it. */
  readonly providerMessageId: string;
}

/** The journey's port to SMS and email; ACS behind it in Azure and locally. */
export interface Notifier {
  send(message: OutgoingMessage): Promise<Result<SentReceipt, SendFailure>>;
}
