import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { raiseJourneyEvent } from '../../orchestrations/journey/client';
import type { BookingOutcome } from '../../shared/booking/bookingService';
import { createItem } from '../../shared/adapters/cosmos/items';
import type { TimelineEvent } from '../../shared/timeline/timelineEvent';
import { renderBookingPage, renderMessagePage } from '../../web/customer/pages';
import { recordSurveyFacts } from '../kpis/recorders';
import { cosmos } from '../platform';
import { selfServiceDependencies, type SelfServiceDependencies } from './dependencies';
import { managePurposes, resolveLink, type LinkContext } from './linkContext';
import { renderManagePage, summaryOf } from './page';
import { htmlResponse, seeOther } from './responses';

const durableClient = df.input.durableClient();

/** The form fields every self-service form may carry. */
const formOf = async (request: HttpRequest): Promise<Map<string, string>> => {
  const form = await request.formData().catch(() => undefined);
  const fields = new Map<string, string>();
  form?.forEach((value, key) => {
    if (typeof value === 'string') fields.set(key, value);
  });
  return fields;
};

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
      return htmlResponse(renderBookingPage(link.base, summaryOf(link), outcome.offers, 'slotGone'), 409);
    case 'closed':
      // Cancelled while this request ran: the cancel stands and nothing was booked.
      return htmlResponse(renderMessagePage(link.base, 'cancelled'), 409);
    default: {
      const unhandled: never = outcome;
      throw new Error(`unknown booking outcome ${JSON.stringify(unhandled)}`);
    }
  }
}

const SlotForm = z.object({ slotId: z.string().min(1).max(80) });

function bookingAction(rescheduling: boolean) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const deps = selfServiceDependencies();
    const form = await formOf(request);
    const resolved = await resolveLink(request, deps, managePurposes, form.get('lang'));
    if (!resolved.ok) return resolved.response;
    const link = resolved.link;
    const parsed = SlotForm.safeParse(Object.fromEntries(form));
    if (!parsed.success) {
      const page = await renderManagePage(link, deps, 'invalidForm', rescheduling);
      return { ...page, status: 400 };
    }
    const status = link.workOrder.state.status;
    if (status === 'Cancelled' || status === 'Closed' || status === 'Completed')
      return renderManagePage(link, deps);
    const outcome = rescheduling
      ? await deps.booking.reschedule(link.workOrder, parsed.data.slotId, 'web')
      : await deps.booking.book(link.workOrder, parsed.data.slotId, 'web');
    return respondToBooking(outcome, link, deps, context, rescheduling);
  };
}

async function cancelAppointment(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const form = await formOf(request);
  const resolved = await resolveLink(request, deps, managePurposes, form.get('lang'));
  if (!resolved.ok) return resolved.response;
  const link = resolved.link;
  if (form.get('confirm') !== 'yes') return seeOther(`${link.base.path}/cancel?lang=${link.language}`);
  await deps.booking.cancel(link.workOrder.id);
  const raised = await raiseJourneyEvent(df.getClient(context), link.workOrder.id, 'cancellationRequested', {
    by: 'customer',
  });
  if (!raised.ok) context.warn(logLine('journey not told of cancellation', link, { reason: raised.error }));
  context.log(logLine('appointment cancelled by the customer', link));
  return htmlResponse(renderMessagePage(link.base, 'cancelled'));
}

const DetailsForm = z.object({ details: z.string().trim().min(1).max(1000) });

/**
 * Extra details go in their own document beside the work order's timeline (they may hold
 * personal data, which timeline events must not); the journey records that they arrived.
 */
async function submitDetails(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const form = await formOf(request);
  const resolved = await resolveLink(request, deps, managePurposes, form.get('lang'));
  if (!resolved.ok) return resolved.response;
  const link = resolved.link;
  const parsed = DetailsForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ...(await renderManagePage(link, deps, 'invalidForm')), status: 400 };
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

const SurveyForm = z.object({
  score: z.coerce.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).optional(),
});

/** One answer per work order: the first stands, a resubmitted form changes nothing. */
async function answerSurvey(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const form = await formOf(request);
  const resolved = await resolveLink(request, deps, ['survey'], form.get('lang'));
  if (!resolved.ok) return resolved.response;
  const link = resolved.link;
  const parsed = SurveyForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return htmlResponse(renderMessagePage(link.base, 'surveyThanks'), 400);
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
  return htmlResponse(renderMessagePage(link.base, 'surveyThanks'));
}

const post = (
  route: string,
  handler: (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>,
) => ({
  route,
  methods: ['POST' as const],
  authLevel: 'anonymous' as const,
  extraInputs: [durableClient],
  handler,
});

app.http('selfServiceBook', post('s/{token}/book', bookingAction(false)));
app.http('selfServiceReschedule', post('s/{token}/reschedule', bookingAction(true)));
app.http('selfServiceCancel', post('s/{token}/cancel', cancelAppointment));
app.http('selfServiceDetails', post('s/{token}/details', submitDetails));
app.http('selfServiceSurvey', post('s/{token}/survey', answerSurvey));
