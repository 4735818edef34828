import { z } from 'zod';
import { err, ok, type Result } from '../result';
import { issuesFromZod, type ValidationIssue } from '../validation';
import {
  EventGridEvent,
  SubscriptionValidationData,
  subscriptionValidationEventType,
} from './eventGridEvent';

/**
 * What one Event Grid webhook POST carries: either the handshake that proves we own the endpoint
 * (answer `{ validationResponse: code }`), or a batch of events. Pure, so every Event Grid
 * endpoint (delivery reports, inbound SMS) parses the same way.
 */
export type EventGridDelivery =
  | { readonly kind: 'subscriptionValidation'; readonly validationCode: string }
  | { readonly kind: 'events'; readonly events: readonly EventGridEvent[] };

const Batch = z.array(EventGridEvent).min(1).max(5000);

/** An event in the CloudEvents 1.0 schema, the other schema an Event Grid subscription can use. */
const CloudEvent = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1),
  source: z.string().min(1),
  type: z.string().min(1),
  subject: z.string().optional(),
  time: z.string().min(1).optional(),
  data: z.unknown(),
});

/**
 * CloudEvents carry the same facts under other names; read them as Event Grid events so each
 * endpoint handles one shape whichever schema its subscription was created with.
 */
const asEventGridEvent = (raw: unknown): unknown => {
  const cloud = CloudEvent.safeParse(raw);
  if (!cloud.success) return raw;
  const { id, source, type, subject, time, data } = cloud.data;
  return { id, topic: source, subject: subject ?? '', eventType: type, eventTime: time ?? '', data };
};

export function parseEventGridDelivery(body: unknown): Result<EventGridDelivery, ValidationIssue[]> {
  const parsed = Batch.safeParse((Array.isArray(body) ? body : [body]).map(asEventGridEvent));
  if (!parsed.success) return err(issuesFromZod(parsed.error));
  const validation = parsed.data.find((event) => event.eventType === subscriptionValidationEventType);
  if (validation !== undefined) {
    const data = SubscriptionValidationData.safeParse(validation.data);
    if (!data.success) {
      return err(issuesFromZod(data.error).map((issue) => ({ ...issue, path: `data.${issue.path}` })));
    }
    return ok({ kind: 'subscriptionValidation', validationCode: data.data.validationCode });
  }
  return ok({ kind: 'events', events: parsed.data });
}

/** The handshake answer Event Grid expects in the response body. */
export const subscriptionValidationResponse = (validationCode: string): { validationResponse: string } => ({
  validationResponse: validationCode,
});

/**
 * CloudEvents-schema subscriptions validate with an OPTIONS request instead: echo the origin in
 * `WebHook-Allowed-Origin` (and allow its rate) to accept.
 */
export function cloudEventsHandshakeHeaders(
  requestOrigin: string | null,
): Record<string, string> | undefined {
  if (requestOrigin === null || requestOrigin.trim() === '') return undefined;
  return { 'WebHook-Allowed-Origin': requestOrigin.trim(), 'WebHook-Allowed-Rate': '*' };
}
