import type { z } from 'zod';
import { grants } from '../../shared/identity/access';
import {
  JourneyCountQuery,
  JourneyListQuery,
  JourneyListUrlQuery,
} from '../../shared/journey/projectionQuery';
import { journeyEvents } from '../../orchestrations/journey/contract';
import type { Endpoint } from '../openapi/endpoints';
import { WorkOrderParams } from '../technicians/schemas';

/** What ops send: the acting person is taken from the sign-in, so `by` is not theirs to give. */
const actionBody = <S extends z.ZodObject>(payload: S) => payload.omit({ by: true });

/** The ops API behind the console and ops' own tools: journeys read from the projection, and steered. */
export const opsEndpoints: readonly Endpoint[] = [
  {
    method: 'get',
    path: '/ops/journeys',
    operationId: 'opsListJourneys',
    summary: 'Journeys, newest change first, filtered or found by one search key; pages by continuation',
    roles: grants.journeyActions,
    query: JourneyListUrlQuery,
    success: 200,
  },
  {
    method: 'post',
    path: '/ops/journeys/search',
    operationId: 'opsSearchJourneys',
    summary: 'The journeys list with a search by phone or email, sent in the body so it is in no URL',
    roles: grants.journeyActions,
    body: JourneyListQuery,
    success: 200,
  },
  {
    method: 'get',
    path: '/ops/journey-counts',
    operationId: 'opsCountJourneys',
    summary: 'Journeys per stage under the list’s filters',
    roles: grants.journeyActions,
    query: JourneyCountQuery,
    success: 200,
  },
  {
    method: 'get',
    path: '/ops/journeys/{workOrderId}',
    operationId: 'opsGetJourney',
    summary: 'A journey’s runtime and custom status',
    roles: grants.journeyActions,
    params: WorkOrderParams,
    success: 200,
  },
  {
    method: 'get',
    path: '/ops/journeys/{workOrderId}/communications',
    operationId: 'opsJourneyCommunications',
    summary: 'Every message of the work order with its channel, purpose and delivery status',
    roles: grants.journeyActions,
    params: WorkOrderParams,
    success: 200,
  },
  {
    method: 'post',
    path: '/ops/journeys/{workOrderId}/resume',
    operationId: 'opsResumeJourney',
    summary: 'Take an on-hold journey back to contacting the customer',
    roles: grants.journeyActions,
    params: WorkOrderParams,
    body: actionBody(journeyEvents.resumeRequested.payload),
    success: 202,
  },
  {
    method: 'post',
    path: '/ops/journeys/{workOrderId}/resend',
    operationId: 'opsResendJourneyMessage',
    summary: 'Send the current message again',
    roles: grants.journeyActions,
    params: WorkOrderParams,
    body: actionBody(journeyEvents.resendRequested.payload),
    success: 202,
  },
  {
    method: 'post',
    path: '/ops/journeys/{workOrderId}/reassign',
    operationId: 'opsReassignJourney',
    summary: 'Move the appointment to another technician',
    roles: grants.journeyActions,
    params: WorkOrderParams,
    body: actionBody(journeyEvents.reassignRequested.payload),
    success: 202,
  },
  {
    method: 'post',
    path: '/ops/journeys/{workOrderId}/cancel',
    operationId: 'opsCancelJourney',
    summary: 'Cancel the work on the utility’s or the customer’s behalf; the slot goes back to the pool',
    roles: grants.journeyActions,
    params: WorkOrderParams,
    body: actionBody(journeyEvents.cancellationRequested.payload),
    success: 202,
  },
];
