import { z } from 'zod';
import { EventGridEvent } from '../../shared/eventGrid/eventGridEvent';
import { UploadRequest } from '../../shared/booking/uploadRules';
import {
  DeclineForm,
  DetailsForm,
  LinkParams,
  SlotForm,
  SurveyForm,
  UploadCompletion,
} from '../selfService/forms';

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

const page = (path: string, operationId: string, summary: string): PublicEndpoint => ({
  method: 'get',
  path: `/s/{token}${path}`,
  operationId,
  summary,
  access: 'signedLink',
  params: LinkParams,
  responseType: 'text/html',
  success: 200,
});

/** A form of the customer's page: answered by a redirect to the page that shows the outcome. */
const form = (path: string, operationId: string, summary: string, body?: z.ZodType): PublicEndpoint => ({
  method: 'post',
  path: `/s/{token}${path}`,
  operationId,
  summary,
  access: 'signedLink',
  params: LinkParams,
  ...(body === undefined ? {} : { body, bodyType: 'application/x-www-form-urlencoded' as const }),
  responseType: 'text/html',
  success: 303,
});

/** The customer's self-service page behind the signed link in their SMS or email. */
const selfService: readonly PublicEndpoint[] = [
  page(
    '',
    'selfServicePage',
    'The appointment page: free times to book, or the booked visit to move or cancel',
  ),
  page('/cancel', 'selfServiceCancelConfirmation', 'Asks the customer to confirm giving up the appointment'),
  page(
    '/decline',
    'selfServiceDeclineConfirmation',
    'Asks the customer to confirm they do not want the work',
  ),
  page('/declined', 'selfServiceDeclined', 'Says the work was declined and the utility told'),
  page(
    '/status',
    'selfServiceStatus',
    'Where the visit stands, with the technician’s arrival when on the way',
  ),
  page('/thanks', 'selfServiceSurveyThanks', 'Thanks for the survey answer'),
  page('/new-link', 'selfServiceNewLinkSent', 'Says whether a fresh link is on its way'),
  {
    ...page('/appointment.ics', 'selfServiceCalendar', 'The booked appointment as an iCalendar file'),
    responseType: 'text/calendar',
  },
  form('/book', 'selfServiceBook', 'Book the chosen time', SlotForm),
  form('/reschedule', 'selfServiceReschedule', 'Move the appointment to the chosen time', SlotForm),
  form('/cancel', 'selfServiceCancel', 'Give up the appointment (the work stays open to rebook)'),
  form(
    '/decline',
    'selfServiceDecline',
    'Decline the work (a cancel link only, after confirmation)',
    DeclineForm,
  ),
  form('/details', 'selfServiceDetails', 'Add details for the technician', DetailsForm),
  form(
    '/survey',
    'selfServiceSurvey',
    'Answer the satisfaction survey (the first answer stands)',
    SurveyForm,
  ),
  form('/new-link', 'selfServiceNewLink', 'Ask for a fresh link when this one has expired'),
  {
    ...form(
      '/upload',
      'selfServiceUpload',
      'Upload a photo or document without JavaScript (checked, then kept)',
    ),
    bodyType: 'multipart/form-data',
  },
  {
    method: 'post',
    path: '/s/{token}/upload-url',
    operationId: 'selfServiceUploadUrl',
    summary: 'A short-lived, create-only upload URL for one file of the given type and size',
    access: 'signedLink',
    params: LinkParams,
    body: UploadRequest,
    bodyType: 'application/json',
    responseType: 'application/json',
    success: 200,
  },
  {
    method: 'post',
    path: '/s/{token}/upload-complete',
    operationId: 'selfServiceUploadComplete',
    summary: 'The uploaded file is checked by its leading bytes and copied once to its final name',
    access: 'signedLink',
    params: LinkParams,
    body: UploadCompletion,
    bodyType: 'application/json',
    responseType: 'application/json',
    success: 200,
  },
];

export const publicEndpoints: readonly PublicEndpoint[] = [
  ...selfService,
  {
    method: 'get',
    path: '/tech',
    operationId: 'technicianAppEntry',
    summary:
      'The technician app: without the trailing slash a redirect to /tech/ (the service worker’s scope), where technicians get the app shell and others sign in or a 403 page',
    access: 'public',
    responseType: 'text/html',
    success: 303,
  },
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
