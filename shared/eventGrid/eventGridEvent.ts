import { z } from 'zod';

/** An event in the Event Grid schema, as Event Grid posts it to a webhook (in an array). */
export const EventGridEvent = z.object({
  id: z.string().min(1),
  topic: z.string().optional(),
  subject: z.string(),
  eventType: z.string().min(1),
  eventTime: z.string().min(1),
  data: z.unknown(),
  dataVersion: z.string().optional(),
  metadataVersion: z.string().optional(),
});
export type EventGridEvent = z.infer<typeof EventGridEvent>;

export const subscriptionValidationEventType = 'Microsoft.EventGrid.SubscriptionValidationEvent';

export const SubscriptionValidationData = z.object({ validationCode: z.string().min(1) });
