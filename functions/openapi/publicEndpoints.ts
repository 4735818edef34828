import { z } from 'zod';
import { EventGridEvent } from '../../shared/eventGrid/eventGridEvent';

/**
 * How an operation that no staff role opens is guarded: a webhook's shared secret header (Event
 * Grid), a signed self-service link in the path (customers), or nothing (health, for probes).
 */
export type PublicAccess = 'webhookSecret' | 'signedLink' | 'public';

export type MediaType =
  | 'application/json'
  | 'application/x-www-form-urlencoded'
  | 'multipart/form-data'
  | 'text/html'
  | 'text/calendar';

/** One operation called by a system or a person without a staff sign-in. */
export interface PublicEndpoint {
  readonly method: 'get' | 'post';
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly access: PublicAccess;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly bodyType?: MediaType;
  readonly responseType: MediaType;
  readonly success: number;
}

/** Event Grid posts an array of events in its own schema; the handshake is one of them. */
const EventGridDelivery = z.array(EventGridEvent).min(1);

export const publicEndpoints: readonly PublicEndpoint[] = [
  {
    method: 'get',
    path: '/health',
    operationId: 'health',
    summary: 'Whether the settings let the app do its job (503 names each problem, never a value)',
    access: 'public',
    responseType: 'application/json',
    success: 200,
  },
  {
    method: 'post',
    path: '/events/sms-received',
    operationId: 'smsReceivedEvents',
    summary: 'Communication Services “SMS received” events from Event Grid (replies, STOP)',
    access: 'webhookSecret',
    body: EventGridDelivery,
    bodyType: 'application/json',
    responseType: 'application/json',
    success: 200,
  },
  {
    method: 'post',
    path: '/events/acs-delivery',
    operationId: 'acsDeliveryEvents',
    summary: 'Communication Services SMS and email delivery reports from Event Grid',
    access: 'webhookSecret',
    body: EventGridDelivery,
    bodyType: 'application/json',
    responseType: 'application/json',
    success: 200,
  },
  {
    method: 'get',
    path: '/staff',
    operationId: 'staffHome',
    summary: 'The staff app’s address: signs a person in and sends them to their own area',
    access: 'public',
    responseType: 'text/html',
    success: 303,
  },
];
