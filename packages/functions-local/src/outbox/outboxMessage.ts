import { z } from 'zod';

/**
 * One message the app handed to Communication Services, as the outbox recorded it. Exported as a
 * schema so tests and tools reading `GET /dev/outbox.json` can parse rather than trust the shape.
 */
export const outboxMessageSchema = z
  .object({
    id: z.string(),
    channel: z.enum(['email', 'sms']),
    to: z.array(z.string()).readonly(),
    from: z.string(),
    subject: z.string().optional(),
    text: z.string().optional(),
    html: z.string().optional(),
    /** Email attachments, their content decoded as UTF-8 text (calendar files and the like). */
    attachments: z
      .array(z.object({ name: z.string(), contentType: z.string(), content: z.string() }).readonly())
      .readonly()
      .optional(),
    /** ISO 8601, from the outbox's clock. */
    at: z.string(),
    /** Every http(s) URL in the body, in order of first appearance. */
    links: z.array(z.string()).readonly(),
  })
  .readonly();

export type OutboxMessage = z.infer<typeof outboxMessageSchema>;
export type OutboxChannel = OutboxMessage['channel'];
