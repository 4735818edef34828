import type { WorkType } from '../../shared/contracts/inbound/workType';
import { html } from '../html';
import { layout } from './layout';
import {
  contactBlock,
  locales,
  pageHref,
  stringsOf,
  windowText,
  type PageBase,
  type Window,
} from './pageBase';

export type StepName = 'received' | 'booked' | 'enRoute' | 'done';
export const stepOrder: readonly StepName[] = ['received', 'booked', 'enRoute', 'done'];

export interface PastVisit {
  readonly workType: WorkType;
  /** When it ended (ISO instant). */
  readonly at: string;
  readonly outcome: 'completed' | 'incomplete' | 'cancelled' | 'unreachable';
}

export interface StatusView {
  readonly workType: WorkType;
  /** The step the request is at now; earlier ones are done. */
  readonly current: StepName;
  readonly receivedAt: string;
  readonly appointment?: Window | undefined;
  readonly pastVisits: readonly PastVisit[];
}

/** The request as a list of steps (received → booked → on the way → done) and the visits before it. */
export function renderStatusPage(base: PageBase, view: StatusView): string {
  const strings = stringsOf(base);
  const date = new Intl.DateTimeFormat(locales[base.language], {
    timeZone: base.timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const currentIndex = stepOrder.indexOf(view.current);
  const steps = stepOrder.map((step, index) => {
    const state =
      index < currentIndex || view.current === 'done' ? 'done' : index === currentIndex ? 'current' : 'todo';
    const label =
      state === 'done' ? strings.stepDone : state === 'current' ? strings.stepCurrent : strings.stepTodo;
    const detail =
      step === 'received'
        ? date.format(new Date(view.receivedAt))
        : step === 'booked' && view.appointment !== undefined
          ? windowText(base, view.appointment)
          : '';
    return html`<li class="${state}" ${state === 'current' ? html`aria-current="step"` : ''}>
      ${strings.steps[step]}${detail ? html` — ${detail}` : ''} <span class="vh">(${label})</span>
    </li>`;
  });
  const visits =
    view.pastVisits.length === 0
      ? html`<p>${strings.noPastVisits}</p>`
      : html`<ul>
          ${view.pastVisits.map(
            (visit) =>
              html`<li>
                ${date.format(new Date(visit.at))}: ${strings.workTypes[visit.workType]} —
                ${strings.outcomes[visit.outcome]}
              </li>`,
          )}
        </ul>`;
  return layout(
    { language: base.language, title: strings.status, path: `${base.path}/status`, brand: base.contact.name },
    html`<h1>${strings.status}</h1>
      <section aria-labelledby="steps-heading">
        <h2 id="steps-heading">${strings.workTypes[view.workType]}</h2>
        <ol class="steps">
          ${steps}
        </ol>
      </section>
      <section aria-labelledby="visits-heading">
        <h2 id="visits-heading">${strings.pastVisits}</h2>
        ${visits}
      </section>
      ${contactBlock(strings, base)}
      <p><a href="${pageHref(base)}">${strings.appointmentLink}</a></p>`,
  );
}
