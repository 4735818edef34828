import { html, type SafeHtml } from '../html';

/**
 * A part of a page that keeps itself current: the console script polls `source` (a small JSON
 * endpoint answering `{ panels: { [part]: html } }`, the same fragments rendered again) and swaps
 * its part in. Without JavaScript the page is whole as it is, and a reload refreshes it.
 * With `etag` (the version the page was drawn from) the script asks with If-None-Match, so a poll
 * that finds nothing new is a 304 with no body. A `pending` panel was left for the first poll to
 * fill, which the script then makes at once.
 */
export const livePanel = (
  source: string,
  part: string,
  content: SafeHtml,
  options: { readonly etag?: string | undefined; readonly pending?: boolean } = {},
): SafeHtml =>
  html`<div
    class="live"
    data-live="${source}"
    data-live-part="${part}"
    ${options.etag === undefined ? '' : html`data-live-etag="${options.etag}"`}
    ${options.pending === true ? html`data-live-pending` : ''}
  >
    ${content}
  </div>`;

/**
 * The one polite live region a page's panels speak through. The script sets it only when a poll
 * brought a change (the endpoint's `announce`), never on a poll that found nothing new.
 */
export const liveAnnouncer = (): SafeHtml => html`<p class="vh" role="status" data-live-announce></p>`;

/** The refresh link beside live panels, where the script also says when it last updated them. */
export const refreshLink = (href: string): SafeHtml =>
  html`<p class="refresh"><a href="${href}">Refresh</a> <span data-live-state></span></p>`;

/** The JSON a page's live panels poll. */
export interface LiveFragments {
  readonly panels: Readonly<Record<string, string>>;
  /** What changed, in a sentence, for the page's announcer. */
  readonly announce?: string;
}
