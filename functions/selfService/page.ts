import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { maskAddress } from '../../shared/booking/maskAddress';
import { isTerminalWorkOrderStatus } from '../../shared/workorders/workOrderState';
import {
  renderAppointmentPage,
  renderBookingPage,
  renderCancelPage,
  renderMessagePage,
  renderSurveyPage,
  type Notice,
  type WorkSummary,
} from '../../web/customer/pages';
import { selfServiceDependencies, type SelfServiceDependencies } from './dependencies';
import { managePurposes, resolveLink, type LinkContext } from './linkContext';
import { htmlResponse } from './responses';

const notices: readonly Notice[] = [
  'booked',
  'rescheduled',
  'slotGone',
  'detailsThanks',
  'uploadThanks',
  'invalidForm',
];

const noticeOf = (request: HttpRequest): Notice | undefined =>
  notices.find((notice) => notice === request.query.get('done'));

export const summaryOf = (link: LinkContext): WorkSummary => ({
  workType: link.workOrder.workType,
  maskedAddress: maskAddress(link.workOrder.site),
});

const uploadOrigin = (deps: SelfServiceDependencies): string | undefined => {
  try {
    return new URL(deps.blobs().url).origin;
  } catch {
    return undefined;
  }
};

/**
 * What the link opens depends on where the work order is now, not on which message carried it:
 * an old link after a reschedule shows the current appointment, after a missed visit it offers
 * new times, after the end it says there is nothing to do.
 */
export async function renderManagePage(
  link: LinkContext,
  deps: SelfServiceDependencies,
  notice?: Notice,
  change = false,
): Promise<HttpResponseInit> {
  const { workOrder, base } = link;
  const status = workOrder.state.status;
  if (status === 'Cancelled') return htmlResponse(renderMessagePage(base, 'cancelled'));
  if (isTerminalWorkOrderStatus(status) || status === 'Completed')
    return htmlResponse(renderMessagePage(base, 'inactive'));
  const current = await deps.booking.current(workOrder.id);
  const upcoming =
    current !== undefined &&
    current.status === 'booked' &&
    Date.parse(current.windowEnd) > deps.now().getTime()
      ? current
      : undefined;
  if (upcoming === undefined) {
    return htmlResponse(
      renderBookingPage(base, summaryOf(link), await deps.booking.availability(workOrder), notice),
    );
  }
  const offers = change
    ? (await deps.booking.availability(workOrder)).filter((offer) => offer.slotId !== upcoming.slotId)
    : undefined;
  return htmlResponse(
    renderAppointmentPage(base, summaryOf(link), upcoming, offers, notice),
    200,
    uploadOrigin(deps),
  );
}

async function selfServicePage(request: HttpRequest): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const resolved = await resolveLink(request, deps, [...managePurposes, 'survey']);
  if (!resolved.ok) return resolved.response;
  const link = resolved.link;
  if (link.claims.purpose === 'survey') {
    const done =
      link.workOrder.state.status === 'Completed' ||
      (link.workOrder.state.status === 'Closed' && link.workOrder.state.outcome === 'completed');
    return htmlResponse(
      done ? renderSurveyPage(link.base, noticeOf(request)) : renderMessagePage(link.base, 'inactive'),
    );
  }
  const more = request.query.get('more') === '1';
  return renderManagePage(
    more ? { ...link, base: { ...link.base, allDays: true } } : link,
    deps,
    noticeOf(request),
    request.query.get('change') === '1',
  );
}

/** The confirmation step before a cancel: a link in a message must never cancel by itself. */
async function cancelConfirmation(request: HttpRequest): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const resolved = await resolveLink(request, deps, managePurposes);
  if (!resolved.ok) return resolved.response;
  const current = await deps.booking.current(resolved.link.workOrder.id);
  if (current === undefined || current.status !== 'booked') return renderManagePage(resolved.link, deps);
  return htmlResponse(renderCancelPage(resolved.link.base, current));
}

app.http('selfServicePage', {
  route: 's/{token}',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: selfServicePage,
});
app.http('selfServiceCancelConfirmation', {
  route: 's/{token}/cancel',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: cancelConfirmation,
});
