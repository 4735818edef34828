import { html, type SafeHtml } from '../html';

/**
 * A part of a page that keeps itself current: the console script polls `source` (a small JSON
 * endpoint answering `{ panels: { [part]: html } }`, the same fragments rendered again) and swaps
 * its part in. Without JavaScript the page is whole as it is, and a reload refreshes it.
 */
export const livePanel = (source: string, part: string, content: SafeHtml): SafeHtml =>
  html`<div class="live" data-live="${source}" data-live-part="${part}">${content}</div>`;

/** The refresh link beside live panels, where the script also says when it last updated them. */
export const refreshLink = (href: string): SafeHtml =>
  html`<p class="refresh"><a href="${href}">Refresh</a> <span data-live-state></span></p>`;

/** The JSON a page's live panels poll. */
export interface LiveFragments {
  readonly panels: Readonly<Record<string, string>>;
}
