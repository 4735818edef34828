import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import {
  cloudEventsHandshakeHeaders,
  parseEventGridDelivery,
  subscriptionValidationResponse,
  type EventGridEvent,
} from '../shared/eventGrid';
import { badRequest } from './http';

/**
 * What an Event Grid webhook request comes to: a response to give at once (the subscription
 * handshake, in either schema, or a malformed body), or the events to act on.
 */
export type EventGridRequest =
  | { readonly kind: 'answered'; readonly response: HttpResponseInit; readonly validated: boolean }
  | { readonly kind: 'events'; readonly events: readonly EventGridEvent[] };

export async function readEventGridRequest(request: HttpRequest): Promise<EventGridRequest> {
  if (request.method === 'OPTIONS') {
    const headers = cloudEventsHandshakeHeaders(request.headers.get('webhook-request-origin'));
    return {
      kind: 'answered',
      response: headers === undefined ? { status: 400 } : { status: 200, headers },
      validated: headers !== undefined,
    };
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
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
  return { kind: 'events', events: delivery.value.events };
}
