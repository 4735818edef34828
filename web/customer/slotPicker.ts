import { html, type SafeHtml } from '../html';
import { hiddenLanguage, locales, type PageBase } from './pageBase';
import { pageStrings } from './strings';

export interface SlotChoice {
  readonly slotId: string;
  readonly localDate: string;
  readonly windowStart: string;
  readonly windowEnd: string;
}

/** What the customer has chosen so far, carried in the query so a reload or "more days" keeps it. */
export interface PickerState {
  readonly day?: string | undefined;
  readonly slotId?: string | undefined;
  readonly allDays?: boolean | undefined;
}

/** Days a phone shows in the day chooser before "more days": enough to choose, short enough to scan. */
export const firstSlotDays = 5;

export interface PickerForm {
  readonly action: string;
  readonly submit: string;
  readonly legend: string;
  /** Extra query kept by the day links and "more days" (the reschedule view's `change=1`). */
  readonly keep?: string | undefined;
}

/**
 * A compact picker: "first available", a row of days, and the free times of the chosen day only.
 * The day links work as plain links without JavaScript; the script switches days in place. Every
 * time's accessible name starts with its day, since a screen reader hears one option at a time.
 * "More days" is a GET submit of the same form, so the time already chosen stays chosen.
 */
export function slotPicker(
  base: PageBase,
  offers: readonly SlotChoice[],
  state: PickerState,
  form: PickerForm,
): SafeHtml {
  const strings = pageStrings[base.language];
  if (offers.length === 0) return html`<p>${strings.noSlots}</p>`;
  const locale = locales[base.language];
  const longDay = new Intl.DateTimeFormat(locale, {
    timeZone: base.timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  });
  const shortWeekday = new Intl.DateTimeFormat(locale, { timeZone: base.timeZone, weekday: 'short' });
  const shortDate = new Intl.DateTimeFormat(locale, {
    timeZone: base.timeZone,
    day: 'numeric',
    month: 'short',
  });
  const time = new Intl.DateTimeFormat(locale, {
    timeZone: base.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const range = (slot: SlotChoice) =>
    `${time.format(new Date(slot.windowStart))}–${time.format(new Date(slot.windowEnd))}`;

  const days = new Map<string, SlotChoice[]>();
  for (const offer of offers) days.set(offer.localDate, [...(days.get(offer.localDate) ?? []), offer]);
  const allDays = [...days.keys()];
  const selected = offers.find((offer) => offer.slotId === state.slotId);
  const chosenDay =
    [state.day, selected?.localDate].find((day) => day !== undefined && days.has(day)) ?? allDays[0] ?? '';
  const chosenIndex = allDays.indexOf(chosenDay);
  const visibleCount = state.allDays === true ? allDays.length : Math.max(firstSlotDays, chosenIndex + 1);
  const shownDays = allDays.slice(0, visibleCount);
  const keep = form.keep ? `${form.keep}&` : '';
  const first = offers[0];

  const dayLinks = shownDays.map((day) => {
    const slot = days.get(day)?.[0];
    if (slot === undefined) return '';
    const start = new Date(slot.windowStart);
    return html`<li>
      <a
        href="${base.path}?${keep}day=${day}${state.allDays ? '&more=1' : ''}&lang=${base.language}"
        data-day="${day}"
        ${day === chosenDay ? html`aria-current="date"` : ''}
        ><span aria-hidden="true">${shortWeekday.format(start)}</span
        ><span aria-hidden="true">${shortDate.format(start)}</span
        ><span class="vh">${longDay.format(start)}</span></a
      >
    </li>`;
  });
  const radio = (slot: SlotChoice, label: SafeHtml, id: string) =>
    html`<label class="slot" for="${id}"
      ><input
        type="radio"
        id="${id}"
        name="slotId"
        value="${slot.slotId}"
        required
        ${selected?.slotId === slot.slotId && !id.startsWith('first') ? 'checked' : ''}
      />
      ${label}</label
    >`;
  const groups = shownDays.map((day, dayIndex) => {
    const slots = days.get(day) ?? [];
    const heading = slots[0] === undefined ? '' : longDay.format(new Date(slots[0].windowStart));
    return html`<div class="day-times" data-day="${day}" ${day === chosenDay ? '' : 'hidden'}>
      <p class="help" id="times-${dayIndex}">${strings.timesOn} ${heading}</p>
      <div class="times" role="group" aria-labelledby="times-${dayIndex}">
        ${slots.map((slot, index) =>
          radio(slot, html`<span class="vh">${heading}, </span>${range(slot)}`, `slot-${dayIndex}-${index}`),
        )}
      </div>
    </div>`;
  });
  const more =
    shownDays.length < allDays.length
      ? html`<p>
          <input type="hidden" name="day" value="${chosenDay}" data-more />
          ${form.keep?.includes('change=1') ? html`<input type="hidden" name="change" value="1" />` : ''}
          <button
            class="link-button"
            type="submit"
            formmethod="get"
            formaction="${base.path}"
            formnovalidate
            name="more"
            value="1"
          >
            ${strings.moreTimes}
          </button>
        </p>`
      : '';
  return html`<form method="post" action="${form.action}" data-slot-picker>
    ${hiddenLanguage(base)}
    <fieldset>
      <legend>${form.legend}</legend>
      <p class="help">${strings.pickSlotHelp}</p>
      ${
        first === undefined
          ? ''
          : html`<div class="first">
              ${radio(
                first,
                html`<span
                  ><strong>${strings.firstAvailable}</strong>: ${longDay.format(new Date(first.windowStart))},
                  ${range(first)}</span
                >`,
                'first-slot',
              )}
            </div>`
      }
      <nav aria-label="${strings.days}">
        <ul class="days">
          ${dayLinks}
        </ul>
      </nav>
      ${groups}
    </fieldset>
    ${more}
    <button type="submit">${form.submit}</button>
  </form>`;
}
