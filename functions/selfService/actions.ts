import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { createHash } from 'node:crypto';
import { raiseJourneyEvent } from '../../orchestrations/journey/client';
import type { BookingOutcome } from '../../shared/booking/bookingService';
import { createItem } from '../../shared/adapters/cosmos/items';
import type { TimelineEvent } from '../../shared/timeline/timelineEvent';
import { renderMessagePage } from '../../web/customer/messagePage';
import { recordSurveyFacts } from '../kpis/recorders';
import { cosmos } from '../platform';
import { selfServiceDependencies, type SelfServiceDependencies } from './dependencies';
import { inLanguage, resolveLink, type LinkContext, type Resolved } from './linkContext';
import { formFieldsOf, payloadTooLarge, readBounded } from '../boundedBody';
import type { LinkAction } from '../../shared/links/linkPurposes';
import { contactFor } from '../../shared/customers/utilityContact';
import { selfServicePath } from '../../shared/links/linkIssuer';
import { verifyLinkSignature } from '../../shared/links/linkToken';
import { pageLanguage } from '../../web/customer/language';
import { compressed } from './compression';
import { renderManagePage } from './page';
import { htmlResponse, seeOther } from './responses';
import { DeclineForm, DetailsForm, SlotForm, SurveyForm } from './forms';

const durableClient = df.input.durableClient();

/**
 * The most a text form (a slot, a reason of 500 characters, details of 1,000, percent-encoded)
 * can take; anything longer is not one of our forms.
 */
export const maxFormBytes = 32 * 1024;

/** The form fields of a self-service form, read only up to `maxFormBytes`. */
const formOf = async (request: HttpRequest): Promise<Map<string, string> | undefined> => {
  const body = await readBounded(request, maxFormBytes);
  return body.ok ? formFieldsOf(request, body.bytes) : undefined;
};

type Posted =
  | { readonly ok: true; readonly link: LinkContext; readonly form: Map<string, string> }
  | { readonly ok: false; readonly response: HttpResponseInit };

/** The link first, the body only once the link holds: a stranger's post is refused unread. */
async function linkAndForm(
  request: HttpRequest,
  deps: SelfServiceDependencies,
  action: LinkAction,
): Promise<Posted> {
  const resolved: Resolved = await resolveLink(request, deps, action);
  if (!resolved.ok) return resolved;
  const form = await formOf(request);
  if (form === undefined) return { ok: false, response: payloadTooLarge(maxFormBytes) };
  return { ok: true, form, link: inLanguage(resolved.link, request, form.get('lang')) };
}

const pageUrl = (link: LinkContext, done: string): string =>
  `${link.base.path}?done=${done}&lang=${link.language}`;

const logLine = (message: string, link: LinkContext, fields: Record<string, string> = {}): string =>
  JSON.stringify({
    message,
    workOrderId: link.workOrder.id,
    correlationId: link.workOrder.correlationId,
    ...fields,
  });

async function respondToBooking(
  outcome: BookingOutcome,
  link: LinkContext,
  deps: SelfServiceDependencies,
  context: InvocationContext,
  rescheduling: boolean,
): Promise<HttpResponseInit> {
  switch (outcome.kind) {
    case 'booked': {
      if (outcome.changed) {
        const slot = {
          appointmentId: outcome.booking.appointmentId,
          technicianId: outcome.booking.technicianId,
          windowStart: outcome.booking.windowStart,
          windowEnd: outcome.booking.windowEnd,
          via: 'web' as const,
        };
        const raised = await raiseJourneyEvent(
          df.getClient(context),
          link.workOrder.id,
          outcome.previous === undefined ? 'appointmentBooked' : 'appointmentRescheduled',
          slot,
        );
        // The booking stands either way; a journey that is not running has nothing to confirm.
        if (!raised.ok) context.warn(logLine('journey not told of booking', link, { reason: raised.error }));
        context.log(
          logLine(rescheduling ? 'appointment moved' : 'appointment booked', link, {
            slotId: outcome.booking.slotId,
          }),
        );
      }
      return seeOther(pageUrl(link, outcome.previous === undefined ? 'booked' : 'rescheduled'));
    }
    case 'alreadyBooked':
      return seeOther(`${link.base.path}?lang=${link.language}`);
    case 'unavailable':
      // Redirected too, so Back and reload after a lost race show the page, not a resubmit prompt.
      return seeOther(
        `${link.base.path}?done=slotGone${rescheduling ? '&change=1' : ''}&lang=${link.language}`,
      );
    case 'closed':
      // Cancelled while this request ran: the cancel stands, nothing was booked, and the page says so.
      return seeOther(`${link.base.path}?lang=${link.language}`);
    default: {
      const unhandled: never = outcome;
      throw new Error(`unknown booking outcome ${JSON.stringify(unhandled)}`);
    }
  }
}

function bookingAction(rescheduling: boolean) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const deps = selfServiceDependencies();
    const posted = await linkAndForm(request, deps, 'manage');
    if (!posted.ok) return posted.response;
    const { link, form } = posted;
    const parsed = SlotForm.safeParse(Object.fromEntries(form));
    if (!parsed.success)
      return renderManagePage(link, deps, { notice: 'invalidForm', change: rescheduling }, 400);
    const status = link.workOrder.state.status;
    if (status === 'Cancelled' || status === 'Closed' || status === 'Completed')
      return renderManagePage(link, deps);
    const outcome = rescheduling
      ? await deps.booking.reschedule(link.workOrder, parsed.data.slotId, 'web')
      : await deps.booking.book(link.workOrder, parsed.data.slotId, 'web');
    return respondToBooking(outcome, link, deps, context, rescheduling);
  };
}

/**
 * Cancelling the appointment frees its slot and sends the customer back to choosing a time; the
 * work stays, and the journey goes back to its invitation cadence.
 */
async function cancelAppointment(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const posted = await linkAndForm(request, deps, 'manage');
  if (!posted.ok) return posted.response;
  const { link, form } = posted;
  if (form.get('confirm') !== 'yes') return seeOther(`${link.base.path}/cancel?lang=${link.language}`);
  const cancelled = await deps.booking.releaseAppointment(link.workOrder.id);
  // A second click (or a reload of an old form) finds nothing to cancel and just shows the page.
  if (cancelled !== undefined) {
    const raised = await raiseJourneyEvent(df.getClient(context), link.workOrder.id, 'appointmentCancelled', {
      appointmentId: cancelled.appointmentId,
      by: 'customer',
    });
    if (!raised.ok)
      context.warn(logLine('journey not told of cancelled appointment', link, { reason: raised.error }));
    context.log(logLine('appointment cancelled by the customer', link, { slotId: cancelled.slotId }));
  }
  return seeOther(pageUrl(link, 'appointmentCancelled'));
}

/**
 * Declining the work ends it: any appointment is given up, the journey cancels the work order
 * and tells the utility, with the customer's reason when they gave one.
 */
async function declineWork(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const posted = await linkAndForm(request, deps, 'declineWork');
  if (!posted.ok) return posted.response;
  const { link, form } = posted;
  const parsed = DeclineForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return seeOther(`${link.base.path}/decline?lang=${link.language}`);
  const status = link.workOrder.state.status;
  if (status !== 'Cancelled' && status !== 'Closed' && status !== 'Completed') {
    await deps.booking.cancel(link.workOrder.id);
    // Every link sent so far stops working: nothing is left to do with them, and a forwarded one
    // must not show the work order again.
    await deps.revocations.revoke(link.workOrder.id, deps.now().getTime());
    const reason = parsed.data.reason || undefined;
    const raised = await raiseJourneyEvent(
      df.getClient(context),
      link.workOrder.id,
      'cancellationRequested',
      {
        by: 'customer',
        ...(reason === undefined ? {} : { reason }),
      },
    );
    if (!raised.ok)
      context.warn(logLine('journey not told the work was declined', link, { reason: raised.error }));
    context.log(logLine('work declined by the customer', link, { withReason: String(reason !== undefined) }));
  }
  return seeOther(`${link.base.path}/declined?lang=${link.language}`);
}

/** Where a decline lands; the journey may take a moment to record it, so this page does not wait for it. */
async function declinedPage(request: HttpRequest): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const resolved = await resolveLink(request, deps, 'declineWork', { evenIfRevoked: true });
  if (!resolved.ok) return resolved.response;
  return htmlResponse(renderMessagePage(resolved.link.base, 'declined'));
}

/**
 * Extra details go in their own document beside the work order's timeline (they may hold
 * personal data, which timeline events must not); the journey records that they arrived.
 */
async function submitDetails(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const posted = await linkAndForm(request, deps, 'manage');
  if (!posted.ok) return posted.response;
  const { link, form } = posted;
  const parsed = DetailsForm.safeParse(Object.fromEntries(form));
  if (!parsed.success)
    return seeOther(`${link.base.path}?error=detailsRequired&lang=${link.language}#details`);
  const now = deps.now().toISOString();
  const id = `CD-${createHash('sha256').update(`${link.workOrder.id}\n${parsed.data.details}`).digest('hex').slice(0, 32)}`;
  await createItem(deps.timeline, {
    id,
    docType: 'customerDetails',
    subjectId: link.workOrder.id,
    text: parsed.data.details,
    submittedAt: now,
  });
  const raised = await raiseJourneyEvent(df.getClient(context), link.workOrder.id, 'detailsSubmitted', {
    kind: 'details',
    reference: id,
  });
  if (!raised.ok) context.warn(logLine('journey not told of details', link, { reason: raised.error }));
  return seeOther(pageUrl(link, 'detailsThanks'));
}

/** One answer per work order: the first stands, a resubmitted form changes nothing. */
async function answerSurvey(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const posted = await linkAndForm(request, deps, 'survey');
  if (!posted.ok) return posted.response;
  const { link, form } = posted;
  const parsed = SurveyForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return seeOther(`${link.base.path}?lang=${link.language}`);
  const now = deps.now().toISOString();
  const event: TimelineEvent = {
    id: `EV-survey-${createHash('sha256').update(link.workOrder.id).digest('hex').slice(0, 32)}`,
    docType: 'event',
    subjectId: link.workOrder.id,
    subjectType: 'workOrder',
    type: 'customer.surveyAnswered',
    occurredAt: now,
    actor: { kind: 'customer' },
    summary: `Satisfaction ${parsed.data.score}/5`,
    data: { score: parsed.data.score, commented: Boolean(parsed.data.comment) },
    correlationId: link.workOrder.correlationId,
  };
  if ((await createItem(deps.timeline, event)) === 'created' && parsed.data.comment) {
    await createItem(deps.timeline, {
      id: `${event.id}-comment`,
      docType: 'surveyComment',
      subjectId: link.workOrder.id,
      text: parsed.data.comment,
      submittedAt: now,
    });
  }
  await recordSurveyFacts(cosmos(), event);
  context.log(logLine('survey answered', link, { score: String(parsed.data.score) }));
  return seeOther(`${link.base.path}/thanks?lang=${link.language}`);
}

async function surveyThanks(request: HttpRequest): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const resolved = await resolveLink(request, deps, 'survey');
  if (!resolved.ok) return resolved.response;
  return htmlResponse(renderMessagePage(resolved.link.base, 'surveyThanks'));
}

const post = (
  route: string,
  handler: (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>,
) => ({
  route,
  methods: ['POST' as const],
  authLevel: 'anonymous' as const,
  extraInputs: [durableClient],
  handler: compressed(handler),
});

const get = (route: string, handler: (request: HttpRequest) => Promise<HttpResponseInit>) => ({
  route,
  methods: ['GET' as const],
  authLevel: 'anonymous' as const,
  handler: compressed(handler),
});

app.http('selfServiceBook', post('s/{token}/book', bookingAction(false)));
app.http('selfServiceReschedule', post('s/{token}/reschedule', bookingAction(true)));
app.http('selfServiceCancel', post('s/{token}/cancel', cancelAppointment));
app.http('selfServiceDecline', post('s/{token}/decline', declineWork));
app.http('selfServiceDeclined', get('s/{token}/declined', declinedPage));
app.http('selfServiceDetails', post('s/{token}/details', submitDetails));
app.http('selfServiceSurvey', post('s/{token}/survey', answerSurvey));
app.http('selfServiceSurveyThanks', get('s/{token}/thanks', surveyThanks));

const newLinkPage = (token: string, outcome: 'sent' | 'wait', language: string): string =>
  `${selfServicePath(token)}/new-link?${outcome}=1&lang=${language}`;

/**
 * "Send me a new link" on an expired link: only a link we signed counts, the new one goes to the
 * contact on file by the journey's own resend (nothing typed here is used), at most once per work
 * order every ten minutes.
 */
async function requestNewLink(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const token = request.params['token'] ?? '';
  const claims = verifyLinkSignature(deps.signingKeys, token);
  const workOrder = claims.ok ? await deps.records.getWorkOrder(claims.value.workOrderId) : undefined;
  if (workOrder === undefined) {
    const language = pageLanguage(
      request.query.get('lang'),
      request.headers.get('accept-language'),
      undefined,
    );
    const base = { language, path: selfServicePath(token), contact: contactFor(deps.contacts, undefined) };
    return htmlResponse(renderMessagePage(base, 'invalidLink'), 403);
  }
  const form = await formOf(request);
  if (form === undefined) return payloadTooLarge(maxFormBytes);
  const language = pageLanguage(form.get('lang'), request.headers.get('accept-language'), undefined);
  const verdict = await deps.limiters.newLink.take(workOrder.value.id, deps.now().getTime());
  if (!verdict.allowed) return seeOther(newLinkPage(token, 'wait', language));
  const raised = await raiseJourneyEvent(df.getClient(context), workOrder.value.id, 'resendRequested', {
    by: 'customer',
  });
  const fields = { workOrderId: workOrder.value.id, correlationId: workOrder.value.correlationId };
  if (!raised.ok)
    context.warn(JSON.stringify({ message: 'new link not sent', reason: raised.error, ...fields }));
  else context.log(JSON.stringify({ message: 'customer asked for a new link', ...fields }));
  return seeOther(newLinkPage(token, 'sent', language));
}

async function newLinkOutcome(request: HttpRequest): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const token = request.params['token'] ?? '';
  const claims = verifyLinkSignature(deps.signingKeys, token);
  const workOrder = claims.ok ? await deps.records.getWorkOrder(claims.value.workOrderId) : undefined;
  const language = pageLanguage(request.query.get('lang'), request.headers.get('accept-language'), undefined);
  const base = {
    language,
    path: selfServicePath(token),
    contact: contactFor(deps.contacts, workOrder?.value.utilityCode),
  };
  if (workOrder === undefined) return htmlResponse(renderMessagePage(base, 'invalidLink'), 403);
  return htmlResponse(
    renderMessagePage(base, request.query.get('wait') === '1' ? 'newLinkWait' : 'newLinkSent'),
  );
}

app.http('selfServiceNewLink', post('s/{token}/new-link', requestNewLink));
app.http('selfServiceNewLinkSent', get('s/{token}/new-link', newLinkOutcome));
