import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { grants, hasAnyRole, rolesOf } from '../../shared/identity/access';
import { validate } from '../../shared/validation';
import { journeyPage, journeySummary, journeyTimelinePanel } from '../../web/console/journeyPage';
import { JourneyAction } from '../../web/console/journeyActions';
import { journeyNotFoundPage } from '../../web/console/notFoundPage';
import type { LiveFragments } from '../../web/console/livePanel';
import { staffScreen } from '../staff/staffGate';
import { staffHtml, staffSecurityHeaders } from '../staff/staffResponses';
import { errorResponse } from '../http';
import { loadJourneyPage } from './journeyData';
import { JourneyParams } from './schemas';

const durableClient = df.input.durableClient();

/** What the page says after an action (post/redirect/get carries only the action's name). */
const doneNotices = {
  resume: 'Resume requested: the journey contacts the customer again.',
  resend: 'Resend requested: the last message goes out again.',
  reassign: 'Reassignment requested: the appointment moves to the technician chosen.',
  cancel: 'Cancellation requested: the utility is told and the appointment is freed.',
} as const satisfies Record<JourneyAction, string>;

const noticeOf = (request: HttpRequest): string | undefined => {
  const done = JourneyAction.safeParse(request.query.get('done'));
  return done.success ? doneNotices[done.data] : undefined;
};

/** `GET /api/console/journeys/{workOrderId}`: the journey's timeline, status and actions. */
async function journeyScreen(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const viewer = staffScreen(request, grants.journeyView);
  if (!viewer.ok) return viewer.error;
  const { identity, csrfToken, cookies } = viewer.value;
  const params = validate(JourneyParams, { workOrderId: request.params['workOrderId'] });
  if (!params.ok)
    return staffHtml(journeyNotFoundPage(identity, request.params['workOrderId'] ?? ''), 404, cookies);
  const { workOrderId } = params.value;
  const data = await loadJourneyPage(df.getClient(context), workOrderId, {
    canAct: hasAnyRole(identity, rolesOf(grants.journeyActions)),
    notice: noticeOf(request),
  });
  if (data.workOrder === undefined && data.journey === undefined)
    return staffHtml(journeyNotFoundPage(identity, workOrderId), 404, cookies);
  return staffHtml(journeyPage({ identity, csrfToken }, data), 200, cookies);
}

/** `GET …/live`: the summary and timeline again, for the page's script to swap in. */
async function journeyLive(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const viewer = staffScreen(request, grants.journeyView);
  if (!viewer.ok) return errorResponse(viewer.error.status === 403 ? 403 : 401, 'not allowed');
  const params = validate(JourneyParams, { workOrderId: request.params['workOrderId'] });
  if (!params.ok) return errorResponse(404, 'no such journey');
  const data = await loadJourneyPage(df.getClient(context), params.value.workOrderId, { canAct: false });
  if (data.workOrder === undefined && data.journey === undefined)
    return errorResponse(404, 'no such journey');
  const body: LiveFragments = {
    panels: { summary: journeySummary(data).value, timeline: journeyTimelinePanel(data).value },
  };
  return { status: 200, jsonBody: body, headers: { ...staffSecurityHeaders } };
}

app.http('consoleJourney', {
  route: 'console/journeys/{workOrderId}',
  methods: ['GET'],
  authLevel: 'anonymous',
  extraInputs: [durableClient],
  handler: journeyScreen,
});

app.http('consoleJourneyLive', {
  route: 'console/journeys/{workOrderId}/live',
  methods: ['GET'],
  authLevel: 'anonymous',
  extraInputs: [durableClient],
  handler: journeyLive,
});
