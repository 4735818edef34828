import { html, type SafeHtml } from '../html';

/**
 * A part of a page that keeps itself current: the console script polls `source` (a small JSON
 * endpoint answering `{ html }`, the same fragment rendered again) and swaps it in. Without
 * JavaScript the page is whole as it is, and the refresh link reloads it.
 */
export const livePanel = (source: string, content: SafeHtml, refreshHref: string): SafeHtml =>
  html`<div class="live" data-live="${source}" aria-live="polite">${content}</div>
    <p class="refresh">
      <a href="${refreshHref}">Refresh</a> <span class="live-state" data-live-state></span>
    </p>`;

/** The JSON a live panel polls. */
export interface LiveFragment {
  readonly html: string;
}
