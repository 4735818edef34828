import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { maskAddress } from '../../shared/booking/maskAddress';
import { isTerminalWorkOrderStatus } from '../../shared/workorders/workOrderState';
import { appointmentCalendar } from '../../web/customer/appointmentCalendar';
import { renderMessagePage, type MessageKind } from '../../web/customer/messagePage';
import type { WorkSummary } from '../../web/customer/pageBase';
import {
  fieldErrors,
  notices,
  renderAppointmentPage,
  renderBookingPage,
  renderCancelPage,
  renderDeclinePage,
  renderSurveyPage,
  type FieldError,
  type Notice,
} from '../../web/customer/pages';
import type { PickerState } from '../../web/customer/slotPicker';
import { compressed } from './compression';
import { selfServiceDependencies, type SelfServiceDependencies } from './dependencies';
import { allows } from '../../shared/links/linkPurposes';
import { resolveLink, type LinkContext } from './linkContext';
import { htmlResponse } from './responses';
import { statusPage } from './statusPage';

const noticeOf = (request: HttpRequest): Notice | undefined =>
  notices.find((notice) => notice === request.query.get('done'));

const errorOf = (request: HttpRequest): FieldError | undefined =>
  fieldErrors.find((error) => error === request.query.get('error'));

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** The picker's state from the query: the chosen day and time survive a reload and "more days". */
export function pickerStateOf(request: HttpRequest): PickerState {
  const day = request.query.get('day') ?? undefined;
  const slotId = request.query.get('slotId') ?? undefined;
  return {
    day: day !== undefined && isoDay.test(day) ? day : undefined,
    slotId: slotId !== undefined && slotId.length <= 80 ? slotId : undefined,
    allDays: request.query.get('more') === '1',
  };
}

export const summaryOf = (link: LinkContext): WorkSummary => ({
  workType: link.workOrder.workType,
  maskedAddress: maskAddress(link.workOrder.site),
  durationMinutes: link.workOrder.estimatedDurationMinutes,
});

const uploadOrigin = (deps: SelfServiceDependencies): string | undefined => {
  try {
    return new URL(deps.blobs().url).origin;
  } catch {
    return undefined;
  }
};

/** Who cancelled decides the wording: the customer declined, or the utility (or we) withdrew it. */
export const cancelledMessage = (link: LinkContext): MessageKind | undefined => {
  const state = link.workOrder.state;
  if (state.status !== 'Cancelled') return undefined;
  switch (state.by) {
    case 'customer':
      return 'declined';
    case 'utility':
      return 'cancelledByUtility';
    case 'ops':
      return 'cancelledByOps';
    default: {
      const unhandled: never = state.by;
      throw new Error(`unknown canceller ${String(unhandled)}`);
    }
  }
};

export interface ManageView {
  readonly notice?: Notice | undefined;
  readonly error?: FieldError | undefined;
  readonly change?: boolean | undefined;
  readonly picker?: PickerState | undefined;
}

/**
 * What the link opens depends on where the work order is now, not on which message carried it:
 * an old link after a reschedule shows the current appointment, after a missed visit or a
 * cancelled appointment it offers new times, after the end it says there is nothing to do.
 */
export async function renderManagePage(
  link: LinkContext,
  deps: SelfServiceDependencies,
  view: ManageView = {},
  status = 200,
): Promise<HttpResponseInit> {
  const { workOrder, base } = link;
  const cancelled = cancelledMessage(link);
  if (cancelled !== undefined) return htmlResponse(renderMessagePage(base, cancelled));
  if (isTerminalWorkOrderStatus(workOrder.state.status) || workOrder.state.status === 'Completed')
    return htmlResponse(renderMessagePage(base, 'inactive'));
  const picker = view.picker ?? {};
  const upcoming = await deps.booking
    .current(workOrder.id)
    .then((current) =>
      current !== undefined &&
      current.status === 'booked' &&
      Date.parse(current.windowEnd) > deps.now().getTime()
        ? current
        : undefined,
    );
  if (upcoming === undefined) {
    const offers = await deps.booking.availability(workOrder);
    return htmlResponse(
      renderBookingPage(base, { summary: summaryOf(link), offers, picker, notice: view.notice }),
      status,
    );
  }
  const rescheduleOffers = view.change
    ? (await deps.booking.availability(workOrder)).filter((offer) => offer.slotId !== upcoming.slotId)
    : undefined;
  return htmlResponse(
    renderAppointmentPage(base, {
      summary: summaryOf(link),
      appointment: upcoming,
      rescheduleOffers,
      picker,
      notice: view.notice,
      error: view.error,
    }),
    status,
    uploadOrigin(deps),
  );
}

async function selfServicePage(request: HttpRequest): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const resolved = await resolveLink(request, deps, ['manage', 'survey']);
  if (!resolved.ok) return resolved.response;
  const link = resolved.link;
  if (allows('survey', link.claims.purpose)) {
    const done =
      link.workOrder.state.status === 'Completed' ||
      (link.workOrder.state.status === 'Closed' && link.workOrder.state.outcome === 'completed');
    return htmlResponse(
      done ? renderSurveyPage(link.base, noticeOf(request)) : renderMessagePage(link.base, 'inactive'),
    );
  }
  return renderManagePage(link, deps, {
    notice: noticeOf(request),
    error: errorOf(request),
    change: request.query.get('change') === '1',
    picker: pickerStateOf(request),
  });
}

/** The confirmation step before a cancel: a link in a message must never cancel by itself. */
async function cancelConfirmation(request: HttpRequest): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const resolved = await resolveLink(request, deps, 'manage');
  if (!resolved.ok) return resolved.response;
  const current = await deps.booking.current(resolved.link.workOrder.id);
  if (current === undefined || current.status !== 'booked') return renderManagePage(resolved.link, deps);
  return htmlResponse(renderCancelPage(resolved.link.base, current));
}

/** Declining the work is its own page, with its own confirmation and an optional reason. */
async function declineConfirmation(request: HttpRequest): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const resolved = await resolveLink(request, deps, 'declineWork');
  if (!resolved.ok) return resolved.response;
  const link = resolved.link;
  const status = link.workOrder.state.status;
  if (isTerminalWorkOrderStatus(status) || status === 'Completed') return renderManagePage(link, deps);
  return htmlResponse(renderDeclinePage(link.base, summaryOf(link)));
}

/** The booked appointment as an .ics file, for "add to my calendar". */
async function calendarDownload(request: HttpRequest): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const resolved = await resolveLink(request, deps, 'manage');
  if (!resolved.ok) return resolved.response;
  const link = resolved.link;
  const current = await deps.booking.current(link.workOrder.id);
  if (current === undefined || current.status !== 'booked') return renderManagePage(link, deps, {}, 404);
  const file = appointmentCalendar(
    link.base,
    summaryOf(link),
    current,
    deps.now(),
    `${deps.publicBaseUrl}${link.base.path}`,
  );
  return {
    status: 200,
    body: file,
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'attachment; filename="appointment.ics"',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  };
}

const get = (route: string, handler: (request: HttpRequest) => Promise<HttpResponseInit>) => ({
  route,
  methods: ['GET' as const],
  authLevel: 'anonymous' as const,
  handler: compressed(handler),
});

app.http('selfServicePage', get('s/{token}', selfServicePage));
app.http('selfServiceCancelConfirmation', get('s/{token}/cancel', cancelConfirmation));
app.http('selfServiceDeclineConfirmation', get('s/{token}/decline', declineConfirmation));
app.http('selfServiceStatus', get('s/{token}/status', statusPage));
app.http('selfServiceCalendar', get('s/{token}/appointment.ics', calendarDownload));
