import { randomUUID } from 'node:crypto';
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { grants } from '../../shared/identity/access';
import type { Identity } from '../../shared/identity/principal';
import { err, ok, type Result } from '../../shared/result';
import { validate } from '../../shared/validation';
import { getJourney, raiseJourneyEvent, type RaiseRefusal } from '../../orchestrations/journey/client';
import { actionRefusedPage, confirmPage } from '../../web/console/confirmPage';
import { ActionForm, actionLabels, actionsFor, type JourneyAction } from '../../web/console/journeyActions';
import { journeyPath } from '../../web/console/journeyPage';
import { journeyNotFoundPage } from '../../web/console/notFoundPage';
import { appClock } from '../../shared/clock';
import { booking } from '../booking';
import { journeyRecords } from '../journey/dependencies';
import { logLine } from '../http';
import { csrfTokenFor } from '../staff/csrf';
import { staffAction, staffScreen } from '../staff/staffGate';
import { staffHtml, staffSeeOther } from '../staff/staffResponses';
import { liveStatuses, loadJourneyPage } from './journeyData';
import { ConfirmQuery, JourneyParams } from './schemas';

const durableClient = df.input.durableClient();

/** A form is a few short fields; anything bigger is not from our page. */
const maxFormBytes = 4 * 1024;

const refusalText = (refusal: RaiseRefusal): string => {
  switch (refusal) {
    case 'notFound':
      return 'There is no journey for this work order.';
    case 'notRunning':
      return 'The journey has ended, so there is nothing left to act on.';
    case 'invalidPayload':
      return 'The action was missing something it needs (for a reassignment: the technician).';
    default: {
      const unknown: never = refusal;
      throw new Error(`unknown refusal ${String(unknown)}`);
    }
  }
};

/** The journey event each action raises, with the person's user id as `by`: never a name or email. */
async function raise(
  client: df.DurableClient,
  action: JourneyAction,
  workOrderId: string,
  identity: Identity,
  form: ActionForm,
): Promise<Result<void, RaiseRefusal>> {
  switch (action) {
    case 'resume':
      return raiseJourneyEvent(client, workOrderId, 'resumeRequested', { by: identity.userId });
    case 'resend':
      return raiseJourneyEvent(client, workOrderId, 'resendRequested', { by: identity.userId });
    case 'reassign':
      return form.technicianId === undefined
        ? err('invalidPayload')
        : raiseJourneyEvent(client, workOrderId, 'reassignRequested', {
            by: identity.userId,
            technicianId: form.technicianId,
          });
    case 'cancel': {
      const raised = await raiseJourneyEvent(client, workOrderId, 'cancellationRequested', {
        by: 'ops',
        ...(form.reason === undefined || form.reason === '' ? {} : { reason: form.reason }),
      });
      // As the ops API does: the technician's slot goes back to the pool.
      if (raised.ok) await booking().cancel(workOrderId);
      return raised;
    }
    default: {
      const unknown: never = action;
      throw new Error(`unknown action ${String(unknown)}`);
    }
  }
}

/**
 * Who did it, on the work order's own timeline: the journey's events carry `by` too, but only this
 * entry says it was done from the console, by which user id, at what time.
 */
async function recordAction(workOrderId: string, action: JourneyAction, identity: Identity): Promise<void> {
  await journeyRecords().addTimelineEvent({
    id: `EV-console-${randomUUID()}`,
    docType: 'event',
    subjectId: workOrderId,
    subjectType: 'workOrder',
    type: `console.${action}Requested`,
    occurredAt: appClock().now().toISOString(),
    actor: { kind: 'ops', id: identity.userId },
    summary: `${actionLabels[action]} (requested in the console)`,
  });
}

/** The journey is there and in a stage where the action means something; else the page saying why. */
async function applicable(
  client: df.DurableClient,
  page: { readonly identity: Identity; readonly csrfToken: string },
  workOrderId: string,
  action: JourneyAction,
): Promise<Result<void, HttpResponseInit>> {
  const journey = await getJourney(client, workOrderId);
  if (journey === undefined) return err(staffHtml(journeyNotFoundPage(page.identity, workOrderId), 404));
  const stage = journey.status?.stage;
  if (stage === undefined || !actionsFor(stage, liveStatuses.has(journey.runtimeStatus)).includes(action))
    return err(
      staffHtml(
        actionRefusedPage(page, workOrderId, 'This action does not apply to the journey as it is now.'),
        409,
      ),
    );
  return ok(undefined);
}

const confirmPath = (workOrderId: string, action: JourneyAction, form: ActionForm): string => {
  const query = new URLSearchParams({
    ...(form.technicianId === undefined ? {} : { technicianId: form.technicianId }),
    ...(form.reason === undefined || form.reason === '' ? {} : { reason: form.reason }),
  }).toString();
  return `${journeyPath(workOrderId)}/${action}${query === '' ? '' : `?${query}`}`;
};

/** `GET …/{action}`: the confirmation step as a page of its own, with what the form had chosen. */
function confirmHandler(action: JourneyAction) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const viewer = staffScreen(request, grants.journeyActions);
    if (!viewer.ok) return viewer.error;
    const { identity, csrfToken, cookies } = viewer.value;
    const workOrderId = validate(JourneyParams.shape.workOrderId, request.params['workOrderId']);
    if (!workOrderId.ok)
      return staffHtml(journeyNotFoundPage(identity, request.params['workOrderId'] ?? ''), 404, cookies);
    const client = df.getClient(context);
    const page = { identity, csrfToken };
    const usable = await applicable(client, page, workOrderId.value, action);
    if (!usable.ok) return usable.error;
    const chosen = ConfirmQuery.safeParse(Object.fromEntries(request.query.entries()));
    const data = await loadJourneyPage(client, workOrderId.value, { canAct: true });
    return staffHtml(confirmPage(page, action, data, chosen.success ? chosen.data : {}), 200, cookies);
  };
}

/**
 * `POST …/{action}`: carried out only when the form says it was confirmed (the browser asked, or
 * it came from the confirmation page); otherwise the browser is sent to that page.
 */
function actionHandler(action: JourneyAction) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const checked = await staffAction(request, grants.journeyActions, ActionForm, {
      kind: 'form',
      maxBytes: maxFormBytes,
    });
    if (!checked.ok) return checked.error;
    const { identity, body } = checked.value;
    const page = { identity, csrfToken: csrfTokenFor(request).token };
    const workOrderId = validate(JourneyParams.shape.workOrderId, request.params['workOrderId']);
    if (!workOrderId.ok)
      return staffHtml(journeyNotFoundPage(identity, request.params['workOrderId'] ?? ''), 404);
    const client = df.getClient(context);
    const usable = await applicable(client, page, workOrderId.value, action);
    if (!usable.ok) return usable.error;
    if (body.confirmed !== 'yes') return staffSeeOther(confirmPath(workOrderId.value, action, body));
    const raised = await raise(client, action, workOrderId.value, identity, body);
    if (!raised.ok) {
      const status = raised.error === 'notFound' ? 404 : raised.error === 'notRunning' ? 409 : 400;
      return staffHtml(actionRefusedPage(page, workOrderId.value, refusalText(raised.error)), status);
    }
    await recordAction(workOrderId.value, action, identity);
    context.log(
      logLine('console action raised on journey', {
        workOrderId: workOrderId.value,
        action,
        userId: identity.userId,
      }),
    );
    return staffSeeOther(`${journeyPath(workOrderId.value)}?done=${action}`);
  };
}

const actions: readonly JourneyAction[] = ['resume', 'resend', 'reassign', 'cancel'];

for (const action of actions) {
  const name = `consoleJourney${action[0]?.toUpperCase()}${action.slice(1)}`;
  app.http(`${name}Confirm`, {
    route: `console/journeys/{workOrderId}/${action}`,
    methods: ['GET'],
    authLevel: 'anonymous',
    extraInputs: [durableClient],
    handler: confirmHandler(action),
  });
  app.http(name, {
    route: `console/journeys/{workOrderId}/${action}`,
    methods: ['POST'],
    authLevel: 'anonymous',
    extraInputs: [durableClient],
    handler: actionHandler(action),
  });
}
