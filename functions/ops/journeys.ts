import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { EntityId } from '../../shared/common/identifiers';
import {
  countJourneys,
  JourneyCountQuery,
  JourneyListQuery,
  JourneyListUrlQuery,
  listJourneyPage,
  type JourneyCounts,
  type JourneyPage,
} from '../../shared/journey/projectionQuery';
import { validate } from '../../shared/validation';
import { getJourney, raiseJourneyEvent, type RaiseRefusal } from '../../orchestrations/journey/client';
import {
  journeyEvents,
  type JourneyEventKey,
  type JourneyEventPayload,
} from '../../orchestrations/journey/contract';
import { journeyProjections, journeyRecords } from '../journey/dependencies';
import { booking } from '../booking';
import { badRequest, errorResponse, logLine } from '../http';
import { opsOnly } from './opsAccess';
import type { Identity } from '../../shared/identity/principal';
import { decodedBody, parsedBody } from '../requestBody';

const durableClient = df.input.durableClient();
const workOrderIdOf = (request: HttpRequest) => validate(EntityId, request.params['workOrderId']);

const queryIssues = (issues: readonly { path: string; message: string }[]) =>
  badRequest(issues.map((issue) => ({ ...issue, path: `query.${issue.path}` })));

/**
 * Journeys newest change first, from the journey projection: filtered by stage, region, utility
 * and time, or found by external id, work-order id, phone or email; a page per call with a
 * continuation token. Durable's instance table is never listed.
 */
async function listJourneysHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const personal = personalSearchFields.filter((field) => request.query.has(field));
  if (personal.length > 0)
    return queryIssues(
      personal.map((field) => ({
        path: field,
        message:
          'a phone or email in a URL stays in request telemetry and proxy logs: POST the search to /api/ops/journeys/search',
      })),
    );
  const query = validate(JourneyListUrlQuery, Object.fromEntries(request.query.entries()));
  if (!query.ok) return queryIssues(query.error);
  const page = await listJourneyPage(journeyProjections(), query.value);
  return { jsonBody: page satisfies JourneyPage };
}

/** What finds a person, so never in a URL: the host logs every request's URL with its query string. */
const personalSearchFields = ['phone', 'email'] as const;

/** The same list and filters as `GET /ops/journeys`, the search in a JSON body. */
async function searchJourneysHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const query = await parsedBody(request, JourneyListQuery, { kind: 'json', maxBytes: 16 * 1024 });
  if (!query.ok) return query.error;
  const page = await listJourneyPage(journeyProjections(), query.value);
  return { jsonBody: page satisfies JourneyPage };
}

/** How many journeys are in each stage, under the list's filters. */
async function countJourneysHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const query = validate(JourneyCountQuery, Object.fromEntries(request.query.entries()));
  if (!query.ok) return queryIssues(query.error);
  const counts = await countJourneys(journeyProjections(), query.value);
  return { jsonBody: counts satisfies JourneyCounts };
}

async function getJourneyHandler(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const workOrderId = workOrderIdOf(request);
  if (!workOrderId.ok)
    return badRequest(workOrderId.error.map((issue) => ({ ...issue, path: 'workOrderId' })));
  const journey = await getJourney(df.getClient(context), workOrderId.value);
  return journey === undefined ? errorResponse(404, 'no journey for this work order') : { jsonBody: journey };
}

/** The work order's communication log: every message with its channel, purpose and delivery status. */
async function communicationsHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const workOrderId = workOrderIdOf(request);
  if (!workOrderId.ok)
    return badRequest(workOrderId.error.map((issue) => ({ ...issue, path: 'workOrderId' })));
  const notifications = await journeyRecords().listNotifications(workOrderId.value, 100);
  return { jsonBody: { workOrderId: workOrderId.value, notifications } };
}

const refusalResponse = (refusal: RaiseRefusal): HttpResponseInit => {
  switch (refusal) {
    case 'notFound':
      return errorResponse(404, 'no journey for this work order');
    case 'notRunning':
      return errorResponse(409, 'the journey has ended');
    case 'invalidPayload':
      return errorResponse(400, 'invalid event payload');
    default: {
      const unhandled: never = refusal;
      throw new Error(`unknown refusal ${String(unhandled)}`);
    }
  }
};

/** An ops action becomes a journey event; the journey decides what it means in its current stage. */
function opsAction<K extends JourneyEventKey>(
  event: K,
  toPayload: (body: Record<string, unknown>, caller: Identity) => unknown,
  afterRaised?: (workOrderId: string) => Promise<void>,
) {
  return async (
    request: HttpRequest,
    context: InvocationContext,
    caller: Identity,
  ): Promise<HttpResponseInit> => {
    const workOrderId = workOrderIdOf(request);
    if (!workOrderId.ok)
      return badRequest(workOrderId.error.map((issue) => ({ ...issue, path: 'workOrderId' })));
    const body = await decodedBody(request, { kind: 'json', maxBytes: maxActionBytes });
    if (!body.ok) return body.error;
    const payload = validate(journeyEvents[event].payload, toPayload(asObject(body.value), caller));
    if (!payload.ok) return badRequest(payload.error);
    const raised = await raiseJourneyEvent(
      df.getClient(context),
      workOrderId.value,
      event,
      payload.value as JourneyEventPayload<K>,
    );
    if (!raised.ok) return refusalResponse(raised.error);
    await afterRaised?.(workOrderId.value);
    context.log(
      logLine('ops action raised on journey', {
        workOrderId: workOrderId.value,
        event: journeyEvents[event].name,
      }),
    );
    return { status: 202, jsonBody: { workOrderId: workOrderId.value, event: journeyEvents[event].name } };
  };
}

const asObject = (body: unknown): Record<string, unknown> =>
  typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};

/** An ops action names a reason or a technician; nothing legitimate comes near this. */
const maxActionBytes = 4 * 1024;

/** Who acted is the signed-in person, never a name the body chose. */
const byCaller = (body: Record<string, unknown>, caller: Identity) => ({ ...body, by: caller.userId });

const route = (suffix: string) => `ops/journeys/{workOrderId}${suffix}`;

app.http('opsListJourneys', {
  route: 'ops/journeys',
  methods: ['GET'],
  authLevel: 'anonymous',
  extraInputs: [durableClient],
  handler: opsOnly(listJourneysHandler),
});

app.http('opsSearchJourneys', {
  route: 'ops/journeys/search',
  methods: ['POST'],
  authLevel: 'anonymous',
  handler: opsOnly(searchJourneysHandler),
});

app.http('opsCountJourneys', {
  route: 'ops/journey-counts',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: opsOnly(countJourneysHandler),
});

app.http('opsGetJourney', {
  route: route(''),
  methods: ['GET'],
  authLevel: 'anonymous',
  extraInputs: [durableClient],
  handler: opsOnly(getJourneyHandler),
});

app.http('opsJourneyCommunications', {
  route: route('/communications'),
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: opsOnly(communicationsHandler),
});

app.http('opsResumeJourney', {
  route: route('/resume'),
  methods: ['POST'],
  authLevel: 'anonymous',
  extraInputs: [durableClient],
  handler: opsOnly(opsAction('resumeRequested', byCaller)),
});

app.http('opsResendJourneyMessage', {
  route: route('/resend'),
  methods: ['POST'],
  authLevel: 'anonymous',
  extraInputs: [durableClient],
  handler: opsOnly(opsAction('resendRequested', byCaller)),
});

app.http('opsReassignJourney', {
  route: route('/reassign'),
  methods: ['POST'],
  authLevel: 'anonymous',
  extraInputs: [durableClient],
  handler: opsOnly(opsAction('reassignRequested', byCaller)),
});

/** Ops cancel on the utility's behalf or the customer's request; the payload names ops as the canceller. */
app.http('opsCancelJourney', {
  route: route('/cancel'),
  methods: ['POST'],
  authLevel: 'anonymous',
  extraInputs: [durableClient],
  handler: opsOnly(
    opsAction(
      'cancellationRequested',
      ({ reason }) => ({ by: 'ops', ...(reason === undefined ? {} : { reason }) }),
      // The technician's slot goes back to the pool, as for a customer's or the utility's cancel.
      async (workOrderId) => void (await booking().cancel(workOrderId)),
    ),
  ),
});
