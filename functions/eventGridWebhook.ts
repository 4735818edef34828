import type { Container } from '@azure/cosmos';
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createItem } from '../shared/adapters/cosmos/items';
import {
  cloudEventsHandshakeHeaders,
  parseEventGridDelivery,
  subscriptionValidationResponse,
  type EventGridEvent,
} from '../shared/eventGrid';
import type { ValidationIssue } from '../shared/validation';
import { badRequest, errorResponse } from './http';
import { jsonOf, payloadTooLarge, readBounded } from './boundedBody';

/** The app setting holding the secret the Event Grid subscriptions send (Key Vault reference in Azure). */
export const webhookSecretSetting = 'SmsEventsWebhookSecret';

/**
 * The header the subscriptions carry the secret in, as a static delivery property marked secret
 * (https://learn.microsoft.com/azure/event-grid/delivery-properties): headers, unlike a `?secret=`
 * in the endpoint URL, stay out of access logs and the subscription's visible endpoint. Event Grid
 * sends delivery properties with the validation handshake too, so the handshake is checked as well.
 */
export const webhookSecretHeader = 'x-webhook-secret';

/**
 * The app setting naming this deployment's Communication Services resource (its ARM id). Events
 * are accepted only from that topic: the secret proves the caller is one of our subscriptions, the
 * topic that the event is about our resource and not another one's replayed or forged.
 */
export const acsResourceIdSetting = 'AcsResourceId';

/** Event Grid delivers at most 1 MB a request (https://learn.microsoft.com/azure/event-grid/quotas-limits). */
export const maxDeliveryBytes = 1024 * 1024;

/**
 * What an Event Grid webhook request comes to: a response to give at once (a refused caller, the
 * subscription handshake in either schema, or a malformed body), or the events to act on.
 */
export type EventGridRequest =
  | { readonly kind: 'answered'; readonly response: HttpResponseInit; readonly validated: boolean }
  | { readonly kind: 'events'; readonly events: readonly EventGridEvent[] };

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Fails closed: with no secret configured nobody is let in (503, so Event Grid keeps retrying until
 * the setting is fixed, and /api/health names it); a wrong or missing header is 401, which Event
 * Grid does not retry but dead-letters (https://learn.microsoft.com/azure/event-grid/delivery-and-retry).
 * The setting may list two secrets, comma-separated, while one is rotated (docs/DEPLOY.md).
 */
function refusal(request: HttpRequest, env: NodeJS.ProcessEnv): HttpResponseInit | undefined {
  if ((env[acsResourceIdSetting] ?? '').trim() === '')
    return errorResponse(503, `${acsResourceIdSetting} is not configured`);
  const accepted = (env[webhookSecretSetting] ?? '')
    .split(',')
    .map((secret) => secret.trim())
    .filter((secret) => secret !== '');
  if (accepted.length === 0) return errorResponse(503, `${webhookSecretSetting} is not configured`);
  const given = digest(request.headers.get(webhookSecretHeader) ?? '');
  // Every candidate is compared, so the time taken does not tell which one nearly matched.
  const matches = accepted.map((secret) => timingSafeEqual(given, digest(secret)));
  return matches.includes(true) ? undefined : { status: 401 };
}

export async function readEventGridRequest(
  request: HttpRequest,
  env: NodeJS.ProcessEnv = process.env,
): Promise<EventGridRequest> {
  const refused = refusal(request, env);
  if (refused !== undefined) return { kind: 'answered', response: refused, validated: false };
  if (request.method === 'OPTIONS') {
    const headers = cloudEventsHandshakeHeaders(request.headers.get('webhook-request-origin'));
    return {
      kind: 'answered',
      response: headers === undefined ? { status: 400 } : { status: 200, headers },
      validated: headers !== undefined,
    };
  }
  const read = await readBounded(request, maxDeliveryBytes);
  if (!read.ok) return { kind: 'answered', response: payloadTooLarge(maxDeliveryBytes), validated: false };
  const body = jsonOf(read.bytes);
  if (body === undefined) {
    return {
      kind: 'answered',
      response: badRequest([{ path: '', message: 'body must be JSON' }]),
      validated: false,
    };
  }
  const delivery = parseEventGridDelivery(body);
  if (!delivery.ok) return { kind: 'answered', response: badRequest(delivery.error), validated: false };
  if (delivery.value.kind === 'subscriptionValidation') {
    return {
      kind: 'answered',
      response: { status: 200, jsonBody: subscriptionValidationResponse(delivery.value.validationCode) },
      validated: true,
    };
  }
  const ours = (env[acsResourceIdSetting] ?? '').trim().toLowerCase();
  // ARM ids compare case-insensitively; Event Grid spells the provider segments as it likes.
  const foreign = delivery.value.events.flatMap((event, index) =>
    (event.topic ?? '').toLowerCase() === ours
      ? []
      : [{ path: `${index}.topic`, message: 'is not this deployment’s Communication Services resource' }],
  );
  // 403 is not retried by Event Grid: a foreign event is dead-lettered, never acted on.
  if (foreign.length > 0)
    return { kind: 'answered', response: { status: 403, jsonBody: { errors: foreign } }, validated: false };
  return { kind: 'events', events: delivery.value.events };
}

const markerIdOf = (event: EventGridEvent): string =>
  `EG-${createHash('sha256')
    .update(`${(event.topic ?? '').toLowerCase()}\n${event.id}`)
    .digest('hex')
    .slice(0, 40)}`;

/**
 * Acts on an event at most once, whichever instance receives it: a marker keyed by the event's
 * topic and id is created first (in the idempotency container, whose TTL outlives Event Grid's
 * 24-hour retry window), so a replay or a redelivery finds it and does nothing. If acting fails
 * the marker is removed and the error thrown, so Event Grid's redelivery acts in full.
 */
export async function oncePerEvent(
  markers: Container,
  event: EventGridEvent,
  act: () => Promise<void>,
): Promise<'acted' | 'duplicate'> {
  const id = markerIdOf(event);
  const marker = { id, docType: 'eventGridEvent', eventType: event.eventType };
  if ((await createItem(markers, marker)) === 'exists') return 'duplicate';
  try {
    await act();
    return 'acted';
  } catch (error) {
    await markers
      .item(id, id)
      .delete()
      .catch(() => undefined);
    throw error;
  }
}

/**
 * The answer once every well-formed event was acted on: 200, or 400 naming the malformed ones so
 * Event Grid dead-letters them into storage (400 is never retried) instead of them being dropped.
 */
export function eventsHandled(malformed: readonly ValidationIssue[]): HttpResponseInit {
  return malformed.length === 0 ? { status: 200 } : badRequest(malformed);
}
