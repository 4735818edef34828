import type { Language } from '../../shared/common/contact';
import type { WorkType } from '../../shared/contracts/inbound/workType';
import { formatWindow } from '../../shared/journey/composeMessage';
import { html, trustedMarkup, type SafeHtml } from './html';
import { layout } from './layout';
import { pageStrings, type PageStrings } from './strings';

export interface PageBase {
  readonly language: Language;
  /** `/api/s/<token>`: the page, and the prefix of its form actions. */
  readonly path: string;
  readonly timeZone: string;
  /** Every day with free times, instead of the first few (the customer asked for more). */
  readonly allDays?: boolean;
}

/** Days of slots a phone shows before "more times": enough to choose, short enough to scan. */
export const firstSlotDays = 5;

export interface WorkSummary {
  readonly workType: WorkType;
  readonly maskedAddress: string;
}

export interface SlotChoice {
  readonly slotId: string;
  readonly localDate: string;
  readonly windowStart: string;
  readonly windowEnd: string;
}

export interface Window {
  readonly windowStart: string;
  readonly windowEnd: string;
}

export type Notice = 'booked' | 'rescheduled' | 'slotGone' | 'detailsThanks' | 'uploadThanks' | 'invalidForm';

export type MessageKind =
  'invalidLink' | 'expiredLink' | 'inactive' | 'cancelled' | 'tooMany' | 'surveyThanks';

const locales: Readonly<Record<Language, string>> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' };

const hidden = (base: PageBase) => html`<input type="hidden" name="lang" value="${base.language}" />`;

const windowText = (base: PageBase, window: Window): string =>
  formatWindow(new Date(window.windowStart), new Date(window.windowEnd), base.language, base.timeZone);

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
    default: {
      const unhandled: never = notice;
      throw new Error(`unknown notice ${String(unhandled)}`);
    }
  }
}

function summaryBlock(strings: PageStrings, summary: WorkSummary): SafeHtml {
  return html`<dl>
    <dt>${strings.workTypes[summary.workType]}</dt>
    <dd>${strings.address}: ${summary.maskedAddress}</dd>
  </dl>`;
}

/** Slots grouped under their day, as one radio group: a native control, so keyboards and screen readers just work. */
function slotPicker(
  base: PageBase,
  offers: readonly SlotChoice[],
  action: string,
  submit: string,
  legend: string,
  moreHref: string,
): SafeHtml {
  const strings = pageStrings[base.language];
  if (offers.length === 0) return html`<p>${strings.noSlots}</p>`;
  const dayFormat = new Intl.DateTimeFormat(locales[base.language], {
    timeZone: base.timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  });
  const timeFormat = new Intl.DateTimeFormat(locales[base.language], {
    timeZone: base.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const days = new Map<string, SlotChoice[]>();
  for (const offer of offers) days.set(offer.localDate, [...(days.get(offer.localDate) ?? []), offer]);
  const allDays = [...days.values()];
  const shown = base.allDays === true ? allDays : allDays.slice(0, firstSlotDays);
  const more =
    shown.length < allDays.length ? html`<p><a href="${moreHref}">${strings.moreTimes}</a></p>` : '';
  const groups = shown.map((slots) => {
    const first = slots[0];
    const heading = first === undefined ? '' : dayFormat.format(new Date(first.windowStart));
    return html`<p class="day">${heading}</p>
      ${slots.map(
        (slot) =>
          html`<label class="slot"
            ><input type="radio" name="slotId" value="${slot.slotId}" required /> ${timeFormat.format(
              new Date(slot.windowStart),
            )}–${timeFormat.format(new Date(slot.windowEnd))}</label
          >`,
      )}`;
  });
  return html`<form method="post" action="${action}">
    ${hidden(base)}
    <fieldset>
      <legend>${legend}</legend>
      <p class="help">${strings.pickSlotHelp}</p>
      ${groups}
    </fieldset>
    ${more}
    <button type="submit">${submit}</button>
  </form>`;
}

export function renderBookingPage(
  base: PageBase,
  summary: WorkSummary,
  offers: readonly SlotChoice[],
  notice?: Notice,
): string {
  const strings = pageStrings[base.language];
  return layout(
    { language: base.language, title: strings.pickSlot, path: base.path },
    html`<h1>${strings.title}</h1>
      ${noticeBlock(strings, notice)}
      <section>${summaryBlock(strings, summary)}</section>
      <section>
        ${slotPicker(
          base,
          offers,
          `${base.path}/book`,
          strings.book,
          strings.pickSlot,
          `${base.path}?more=1&lang=${base.language}`,
        )}
      </section>`,
  );
}

/*
 * Uploads go straight to Blob storage through a short-lived URL when JavaScript runs; without it
 * the same form posts the file to the function, which stores it. Both end at the same check.
 */
const uploadScript = trustedMarkup(`<script>
document.querySelectorAll('form[data-direct-upload]').forEach(function (form) {
  form.addEventListener('submit', async function (event) {
    var input = form.querySelector('input[type=file]');
    var file = input && input.files && input.files[0];
    if (!file || !window.fetch) return;
    event.preventDefault();
    try {
      var ticket = await fetch(form.dataset.directUpload, { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ fileName: file.name, contentType: file.type, size: file.size }) });
      if (!ticket.ok) { form.submit(); return; }
      var upload = await ticket.json();
      var put = await fetch(upload.uploadUrl, { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': file.type }, body: file });
      if (!put.ok) { form.submit(); return; }
      var done = await fetch(form.dataset.directUploadDone, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ blobName: upload.blobName }) });
      window.location.assign(done.ok ? form.dataset.afterUpload : form.action);
    } catch (error) { form.submit(); }
  });
});
</script>`);

export function renderAppointmentPage(
  base: PageBase,
  summary: WorkSummary,
  appointment: Window,
  rescheduleOffers: readonly SlotChoice[] | undefined,
  notice?: Notice,
): string {
  const strings = pageStrings[base.language];
  const change =
    rescheduleOffers === undefined
      ? html`<p>
          <a class="button secondary" href="${base.path}?change=1&amp;lang=${base.language}"
            >${strings.change}</a
          >
        </p>`
      : slotPicker(
          base,
          rescheduleOffers,
          `${base.path}/reschedule`,
          strings.moveHere,
          strings.change,
          `${base.path}?change=1&more=1&lang=${base.language}`,
        );
  return layout(
    { language: base.language, title: strings.yourAppointment, path: base.path, script: uploadScript },
    html`<h1>${strings.yourAppointment}</h1>
      ${noticeBlock(strings, notice)}
      <section>
        <h2>${windowText(base, appointment)}</h2>
        ${summaryBlock(strings, summary)}
      </section>
      <section>
        ${change}
        <p><a class="button danger" href="${base.path}/cancel?lang=${base.language}">${strings.cancel}</a></p>
      </section>
      <section>
        <form method="post" action="${base.path}/details">
          ${hidden(base)}<label for="details">${strings.details}</label>
          <p class="help" id="details-help">${strings.detailsHelp}</p>
          <textarea
            id="details"
            name="details"
            rows="4"
            maxlength="1000"
            aria-describedby="details-help"
            required
          ></textarea>
          <p><button type="submit">${strings.send}</button></p>
        </form>
      </section>
      <section>
        <form
          method="post"
          action="${base.path}/upload"
          enctype="multipart/form-data"
          data-direct-upload="${base.path}/upload-url"
          data-direct-upload-done="${base.path}/upload-complete"
          data-after-upload="${base.path}?done=uploadThanks&amp;lang=${base.language}"
        >
          ${hidden(base)}<label for="file">${strings.upload}</label>
          <p class="help" id="file-help">${strings.uploadHelp}</p>
          <input
            id="file"
            name="file"
            type="file"
            accept="image/jpeg,image/png,application/pdf"
            aria-describedby="file-help"
            required
          />
          <p><button type="submit">${strings.uploadButton}</button></p>
        </form>
      </section>`,
  );
}

export function renderCancelPage(base: PageBase, appointment: Window): string {
  const strings = pageStrings[base.language];
  return layout(
    { language: base.language, title: strings.cancel, path: `${base.path}/cancel` },
    html`<h1>${strings.cancel}</h1>
      <section>
        <h2>${windowText(base, appointment)}</h2>
        <p>${strings.cancelQuestion}</p>
        <form method="post" action="${base.path}/cancel">
          ${hidden(base)}<input type="hidden" name="confirm" value="yes" />
          <p><button class="danger" type="submit">${strings.cancelConfirm}</button></p>
        </form>
        <p><a class="button secondary" href="${base.path}?lang=${base.language}">${strings.cancelKeep}</a></p>
      </section>`,
  );
}

export function renderSurveyPage(base: PageBase, notice?: Notice): string {
  const strings = pageStrings[base.language];
  const scores = [1, 2, 3, 4, 5].map(
    (score) =>
      html`<label class="slot"
        ><input type="radio" name="score" value="${score}" required /> ${score}</label
      >`,
  );
  return layout(
    { language: base.language, title: strings.survey, path: base.path },
    html`<h1>${strings.survey}</h1>
      ${noticeBlock(strings, notice)}
      <section>
        <form method="post" action="${base.path}/survey">
          ${hidden(base)}
          <fieldset>
            <legend>${strings.surveyScore}</legend>
            ${scores}
          </fieldset>
          <label for="comment">${strings.surveyComment}</label
          ><textarea id="comment" name="comment" rows="4" maxlength="1000"></textarea>
          <p><button type="submit">${strings.send}</button></p>
        </form>
      </section>`,
  );
}

export function renderMessagePage(base: Omit<PageBase, 'timeZone'>, kind: MessageKind): string {
  const strings = pageStrings[base.language];
  const [title, body] = ((): [string, string] => {
    switch (kind) {
      case 'invalidLink':
        return [strings.invalidLink, strings.invalidLinkHelp];
      case 'expiredLink':
        return [strings.expiredLink, strings.expiredLinkHelp];
      case 'inactive':
        return [strings.title, strings.inactive];
      case 'cancelled':
        return [strings.title, strings.cancelled];
      case 'tooMany':
        return [strings.title, strings.tooMany];
      case 'surveyThanks':
        return [strings.survey, strings.surveyThanks];
      default: {
        const unhandled: never = kind;
        throw new Error(`unknown message ${String(unhandled)}`);
      }
    }
  })();
  return layout(
    { language: base.language, title, path: base.path },
    html`<h1>${title}</h1>
      <section><p>${body}</p></section>`,
  );
}
