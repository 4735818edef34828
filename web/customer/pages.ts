import { html, type SafeHtml } from '../html';
import { layout } from './layout';
import {
  contactBlock,
  hiddenLanguage,
  pageHref,
  stringsOf,
  timeZoneName,
  windowText,
  type PageBase,
  type Window,
  type WorkSummary,
} from './pageBase';
import { slotPicker, type PickerState, type SlotChoice } from './slotPicker';
import type { PageStrings } from './strings';

export type Notice =
  | 'booked'
  | 'rescheduled'
  | 'slotGone'
  | 'detailsThanks'
  | 'uploadThanks'
  | 'invalidForm'
  | 'appointmentCancelled';

export const notices: readonly Notice[] = [
  'booked',
  'rescheduled',
  'slotGone',
  'detailsThanks',
  'uploadThanks',
  'invalidForm',
  'appointmentCancelled',
];

/** A form's problem, shown next to its field: the post redirects here with it (post/redirect/get). */
export type FieldError = 'uploadTooLarge' | 'uploadWrongType' | 'uploadMissing' | 'detailsRequired';

export const fieldErrors: readonly FieldError[] = [
  'uploadTooLarge',
  'uploadWrongType',
  'uploadMissing',
  'detailsRequired',
];

function noticeBlock(strings: PageStrings, notice: Notice | undefined): SafeHtml | '' {
  if (notice === undefined) return '';
  switch (notice) {
    case 'booked':
      return html`<section class="notice" role="status">
        <h2>${strings.booked}</h2>
        <p>${strings.confirmationSent}</p>
      </section>`;
    case 'rescheduled':
      return html`<section class="notice" role="status">
        <h2>${strings.rescheduled}</h2>
        <p>${strings.confirmationSent}</p>
      </section>`;
    case 'slotGone':
      return html`<section class="problem" role="alert"><p>${strings.slotGone}</p></section>`;
    case 'detailsThanks':
      return html`<section class="notice" role="status"><p>${strings.detailsThanks}</p></section>`;
    case 'uploadThanks':
      return html`<section class="notice" role="status"><p>${strings.uploadThanks}</p></section>`;
    case 'invalidForm':
      return html`<section class="problem" role="alert"><p>${strings.errors}</p></section>`;
    case 'appointmentCancelled':
      return html`<section class="notice" role="status"><p>${strings.appointmentCancelled}</p></section>`;
    default: {
      const unhandled: never = notice;
      throw new Error(`unknown notice ${String(unhandled)}`);
    }
  }
}

const pageLinks = (base: PageBase, strings: PageStrings, current: 'manage' | 'status') =>
  html`<nav aria-label="${strings.pageNav}">
    <p>
      ${
        current === 'status'
          ? html`<a href="${pageHref(base)}">${strings.appointmentLink}</a>`
          : html`<a href="${base.path}/status?lang=${base.language}">${strings.statusLink}</a>`
      }
    </p>
  </nav>`;

function summaryBlock(strings: PageStrings, summary: WorkSummary): SafeHtml {
  return html`<dl>
    <dt>${strings.workTypes[summary.workType]}</dt>
    <dd>${strings.address}: ${summary.maskedAddress}</dd>
  </dl>`;
}

export interface BookingView {
  readonly summary: WorkSummary;
  readonly offers: readonly SlotChoice[];
  readonly picker: PickerState;
  readonly notice?: Notice | undefined;
}

export function renderBookingPage(base: PageBase, view: BookingView): string {
  const strings = stringsOf(base);
  return layout(
    { language: base.language, title: strings.pickSlot, path: base.path, brand: base.contact.name },
    html`<h1>${strings.title}</h1>
      ${noticeBlock(strings, view.notice)}
      <section>${summaryBlock(strings, view.summary)}</section>
      <section>
        ${slotPicker(base, view.offers, view.picker, {
          action: `${base.path}/book`,
          submit: strings.book,
          legend: strings.pickSlot,
        })}
      </section>
      ${
        base.canDecline
          ? html`<p><a href="${base.path}/decline?lang=${base.language}">${strings.decline}</a></p>`
          : ''
      }
      ${contactBlock(strings, base)} ${pageLinks(base, strings, 'manage')}`,
  );
}

export interface AppointmentView {
  readonly summary: WorkSummary;
  readonly appointment: Window;
  /** Set when the customer asked to change: the times they may move to. */
  readonly rescheduleOffers?: readonly SlotChoice[] | undefined;
  readonly picker: PickerState;
  readonly notice?: Notice | undefined;
  readonly error?: FieldError | undefined;
}

function fieldError(strings: PageStrings, id: string, message: string | undefined): SafeHtml | '' {
  return message === undefined
    ? ''
    : html`<p class="field-error" id="${id}"><span class="vh">${strings.errorPrefix} </span>${message}</p>`;
}

function detailsForm(base: PageBase, strings: PageStrings, error: FieldError | undefined): SafeHtml {
  const message = error === 'detailsRequired' ? strings.detailsRequired : undefined;
  return html`<form method="post" action="${base.path}/details">
    ${hiddenLanguage(base)}
    <div class="field ${message === undefined ? '' : 'has-error'}">
      <label for="details">${strings.details}</label>
      <p class="help" id="details-help">${strings.detailsHelp}</p>
      ${fieldError(strings, 'details-error', message)}
      <textarea
        id="details"
        name="details"
        rows="3"
        maxlength="1000"
        aria-describedby="${message === undefined ? 'details-help' : 'details-error details-help'}"
        ${message === undefined ? '' : html`aria-invalid="true"`}
        required
      ></textarea>
    </div>
    <p><button type="submit">${strings.send}</button></p>
  </form>`;
}

function uploadForm(base: PageBase, strings: PageStrings, error: FieldError | undefined): SafeHtml {
  const message =
    error === 'uploadTooLarge'
      ? strings.uploadTooLarge
      : error === 'uploadWrongType'
        ? strings.uploadWrongType
        : error === 'uploadMissing'
          ? strings.uploadMissing
          : undefined;
  return html`<form
    method="post"
    action="${base.path}/upload?lang=${base.language}"
    enctype="multipart/form-data"
    data-direct-upload="${base.path}/upload-url"
    data-direct-upload-done="${base.path}/upload-complete"
    data-after-upload="${base.path}?done=uploadThanks&amp;lang=${base.language}"
    data-too-large="${strings.uploadTooLarge}"
    data-wrong-type="${strings.uploadWrongType}"
  >
    ${hiddenLanguage(base)}
    <div class="field ${message === undefined ? '' : 'has-error'}">
      <label for="file">${strings.upload}</label>
      <p class="help" id="file-help">${strings.uploadHelp}</p>
      ${fieldError(strings, 'file-error', message)}
      <input
        id="file"
        name="file"
        type="file"
        accept="image/jpeg,image/png,image/heic,image/heif,.heic,.heif,application/pdf"
        aria-describedby="${message === undefined ? 'file-help' : 'file-error file-help'}"
        ${message === undefined ? '' : html`aria-invalid="true"`}
        required
      />
    </div>
    <p><button type="submit">${strings.uploadButton}</button></p>
  </form>`;
}

/** The confirmation: when (with the time zone), where, how long, what to prepare, and a calendar file. */
function appointmentDetails(base: PageBase, strings: PageStrings, view: AppointmentView): SafeHtml {
  return html`<section aria-labelledby="appointment-heading">
    <h2 id="appointment-heading">${windowText(base, view.appointment)}</h2>
    <dl>
      <dt>${strings.workTypes[view.summary.workType]}</dt>
      <dd>${strings.timeZoneNote} (${timeZoneName(base, view.appointment.windowStart)})</dd>
      <dt>${strings.address}</dt>
      <dd>${view.summary.maskedAddress}</dd>
      <dt>${strings.duration}</dt>
      <dd>${view.summary.durationMinutes} ${strings.minutes}</dd>
      <dt>${strings.whatToPrepare}</dt>
      <dd>${strings.prepare[view.summary.workType]}</dd>
    </dl>
    <p><a href="${base.path}/appointment.ics?lang=${base.language}" download>${strings.addToCalendar}</a></p>
  </section>`;
}

export function renderAppointmentPage(base: PageBase, view: AppointmentView): string {
  const strings = stringsOf(base);
  const change =
    view.rescheduleOffers === undefined
      ? html`<p>
          <a class="button secondary" href="${pageHref(base, 'change=1')}">${strings.change}</a>
        </p>`
      : slotPicker(base, view.rescheduleOffers, view.picker, {
          action: `${base.path}/reschedule`,
          submit: strings.moveHere,
          legend: strings.change,
          keep: 'change=1',
        });
  return layout(
    { language: base.language, title: strings.yourAppointment, path: base.path, brand: base.contact.name },
    html`<h1>${strings.yourAppointment}</h1>
      ${noticeBlock(strings, view.notice)} ${appointmentDetails(base, strings, view)}
      <section>
        ${change}
        <p class="actions">
          <a class="button danger" href="${base.path}/cancel?lang=${base.language}">${strings.cancel}</a>
          ${
            base.canDecline
              ? html`<a href="${base.path}/decline?lang=${base.language}">${strings.decline}</a>`
              : ''
          }
        </p>
      </section>
      <section>${detailsForm(base, strings, view.error)}</section>
      <section>${uploadForm(base, strings, view.error)}</section>
      ${contactBlock(strings, base)} ${pageLinks(base, strings, 'manage')}`,
  );
}

export function renderCancelPage(base: PageBase, appointment: Window): string {
  const strings = stringsOf(base);
  return layout(
    { language: base.language, title: strings.cancel, path: `${base.path}/cancel`, brand: base.contact.name },
    html`<h1>${strings.cancel}</h1>
      <section>
        <h2>${windowText(base, appointment)}</h2>
        <p>${strings.cancelQuestion}</p>
        <form method="post" action="${base.path}/cancel">
          ${hiddenLanguage(base)}<input type="hidden" name="confirm" value="yes" />
          <p><button class="danger" type="submit">${strings.cancelConfirm}</button></p>
        </form>
        <p><a class="button secondary" href="${pageHref(base)}">${strings.cancelKeep}</a></p>
      </section>
      ${contactBlock(strings, base)}`,
  );
}

export function renderDeclinePage(base: PageBase, summary: WorkSummary): string {
  const strings = stringsOf(base);
  return layout(
    {
      language: base.language,
      title: strings.declineTitle,
      path: `${base.path}/decline`,
      brand: base.contact.name,
    },
    html`<h1>${strings.declineTitle}</h1>
      <section>
        ${summaryBlock(strings, summary)}
        <p>${strings.declineExplain}</p>
        <form method="post" action="${base.path}/decline">
          ${hiddenLanguage(base)}<input type="hidden" name="confirm" value="yes" />
          <label for="reason">${strings.declineReason}</label>
          <p class="help" id="reason-help">${strings.declineReasonHelp}</p>
          <textarea
            id="reason"
            name="reason"
            rows="3"
            maxlength="500"
            aria-describedby="reason-help"
          ></textarea>
          <p><button class="danger" type="submit">${strings.declineConfirm}</button></p>
        </form>
        <p><a class="button secondary" href="${pageHref(base)}">${strings.declineKeep}</a></p>
      </section>
      ${contactBlock(strings, base)}`,
  );
}

export function renderSurveyPage(base: PageBase, notice?: Notice): string {
  const strings = stringsOf(base);
  const scores = [1, 2, 3, 4, 5].map(
    (score) =>
      html`<label class="slot"
        ><input type="radio" name="score" value="${score}" required /> ${score}</label
      >`,
  );
  return layout(
    { language: base.language, title: strings.survey, path: base.path, brand: base.contact.name },
    html`<h1>${strings.survey}</h1>
      ${noticeBlock(strings, notice)}
      <section>
        <form method="post" action="${base.path}/survey">
          ${hiddenLanguage(base)}
          <fieldset>
            <legend>${strings.surveyScore}</legend>
            <div class="times">${scores}</div>
          </fieldset>
          <label for="comment">${strings.surveyComment}</label
          ><textarea id="comment" name="comment" rows="4" maxlength="1000"></textarea>
          <p><button type="submit">${strings.send}</button></p>
        </form>
      </section>`,
  );
}
