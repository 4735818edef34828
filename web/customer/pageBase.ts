import type { Language } from '../../shared/common/contact';
import type { WorkType } from '../../shared/contracts/inbound/workType';
import type { ShownContact } from '../../shared/customers/utilityContact';
import { formatWindow } from '../../shared/journey/composeMessage';
import { html, type SafeHtml } from '../html';
import { pageStrings, type PageStrings } from './strings';

export interface PageBase {
  readonly language: Language;
  /** `/api/s/<token>`: the page, and the prefix of its form actions. */
  readonly path: string;
  readonly timeZone: string;
  /** The utility the work is for: its name heads every page, its number is there to call. */
  readonly contact: ShownContact;
  /** Whether the link may decline the work (a cancel link); others do not offer it. */
  readonly canDecline?: boolean;
}

export interface WorkSummary {
  readonly workType: WorkType;
  readonly maskedAddress: string;
  readonly durationMinutes: number;
}

export interface Window {
  readonly windowStart: string;
  readonly windowEnd: string;
}

export const locales: Readonly<Record<Language, string>> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' };

export const hiddenLanguage = (base: PageBase) =>
  html`<input type="hidden" name="lang" value="${base.language}" />`;

export const windowText = (base: PageBase, window: Window): string =>
  formatWindow(new Date(window.windowStart), new Date(window.windowEnd), base.language, base.timeZone);

/** "Europe/Brussels" as people say it in the page's language, e.g. "heure normale d’Europe centrale". */
export function timeZoneName(base: PageBase, at: string): string {
  const part = new Intl.DateTimeFormat(locales[base.language], {
    timeZone: base.timeZone,
    timeZoneName: 'long',
  })
    .formatToParts(new Date(at))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? base.timeZone;
}

export const pageHref = (base: PageBase, query = ''): string =>
  `${base.path}?${query ? `${query}&` : ''}lang=${base.language}`;

/** The utility's name and a number to call, as a tel: link so a phone dials it in one tap. */
export function contactBlock(strings: PageStrings, base: PageBase): SafeHtml {
  const { contact } = base;
  return html`<section aria-labelledby="contact-heading">
    <h2 id="contact-heading">${strings.contact}</h2>
    <p>
      ${contact.name}${
        contact.phone === undefined
          ? ''
          : html`: ${strings.callUs} <a href="tel:${contact.phone}">${contact.phone}</a>`
      }
      ${contact.email === undefined ? '' : html`· <a href="mailto:${contact.email}">${contact.email}</a>`}
    </p>
  </section>`;
}

export const stringsOf = (base: Pick<PageBase, 'language'>): PageStrings => pageStrings[base.language];
