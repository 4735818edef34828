import { z } from 'zod';

/**
 * The request bodies of the ACS REST operations the outbox answers, as `@azure/communication-email`
 * 1.1.0 (`POST /emails:send`) and `@azure/communication-sms` 1.1.0 (`POST /sms`) serialise them.
 * Only the fields the outbox records or must reject on are modelled; the rest pass through unchecked.
 */
const emailAddressSchema = z.object({ address: z.string().min(1), displayName: z.string().optional() });

const emailRecipientsSchema = z.object({
  to: z.array(emailAddressSchema).optional(),
  cc: z.array(emailAddressSchema).optional(),
  bcc: z.array(emailAddressSchema).optional(),
});

/** Every address the email goes to: `to`, `cc` and `bcc` alike. */
export function emailRecipients(recipients: z.infer<typeof emailRecipientsSchema>): readonly string[] {
  const { to = [], cc = [], bcc = [] } = recipients;
  return [...to, ...cc, ...bcc].map((recipient) => recipient.address);
}

export const emailSendRequestSchema = z.object({
  senderAddress: z.string().min(1),
  content: z
    .object({ subject: z.string(), plainText: z.string().optional(), html: z.string().optional() })
    .refine((content) => content.plainText !== undefined || content.html !== undefined, {
      message: 'needs plainText or html',
    }),
  /** `EmailAttachment` of the REST API: name, contentType, contentInBase64 (all required). */
  attachments: z
    .array(z.object({ name: z.string().min(1), contentType: z.string().min(1), contentInBase64: z.string() }))
    .optional(),
  recipients: emailRecipientsSchema.refine((recipients) => emailRecipients(recipients).length > 0, {
    message: 'needs at least one address',
  }),
});

export const smsSendRequestSchema = z.object({
  from: z.string().min(1),
  smsRecipients: z
    .array(z.object({ to: z.string().min(1), repeatabilityRequestId: z.string().optional() }))
    .min(1),
  message: z.string(),
});
