import type { Identity } from '../../shared/identity/principal';
import { html, type SafeHtml } from '../html';
import { navigationFor, type StaffArea } from './navigation';
import { sharedStaffAssets } from './sharedAssets';
import type { StaffAsset } from './staffAsset';

export interface StaffPage {
  readonly title: string;
  /** The area the page belongs to, marked current in the navigation. */
  readonly area?: StaffArea;
  /** Absent on pages shown before or without a usable sign-in (e.g. the 403 page). */
  readonly identity?: Identity;
  /** The session's CSRF token, echoed by forms (a field) and scripts (a header). */
  readonly csrfToken?: string;
  /** An audience's own style sheets and scripts, after the shared ones. */
  readonly assets?: readonly StaffAsset[];
  /** e.g. a web app manifest link for the technician app. */
  readonly head?: SafeHtml;
}

/** The hidden field every state-changing staff form carries. */
export const csrfField = (token: string): SafeHtml =>
  html`<input type="hidden" name="csrf" value="${token}" />`;

/**
 * The shell of every staff screen: skip link, one banner with the areas the person's roles give
 * them, and their sign-out. Pure: the same data gives the same page, and it loads no inline code.
 */
export function staffLayout(page: StaffPage, content: SafeHtml): string {
  const own = page.assets ?? [];
  const links = page.identity === undefined ? [] : navigationFor(page.identity.roles);
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <meta name="referrer" content="same-origin" />
        ${page.csrfToken === undefined ? '' : html`<meta name="csrf-token" content="${page.csrfToken}" />`}
        <title>${page.title} – Fieldline</title>
        <link rel="icon" href="${sharedStaffAssets.favicon.path}" type="image/svg+xml" />
        <link rel="stylesheet" href="${sharedStaffAssets.css.path}" />
        ${own
          .filter((asset) => asset.path.endsWith('.css'))
          .map((asset) => html`<link rel="stylesheet" href="${asset.path}" />`)}
        <script src="${sharedStaffAssets.js.path}" defer></script>
        ${own
          .filter((asset) => asset.path.endsWith('.js'))
          .map((asset) => html`<script src="${asset.path}" defer></script>`)}
        ${page.head ?? ''}
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="bar">
          <p class="brand">Fieldline</p>
          ${
            links.length === 0
              ? ''
              : html`<nav aria-label="Areas">
                  <ul>
                    ${links.map(
                      (link) =>
                        html`<li>
                          <a href="${link.href}" ${link.area === page.area ? html`aria-current="page"` : ''}
                            >${link.label}</a
                          >
                        </li>`,
                    )}
                  </ul>
                </nav>`
          }
          ${
            page.identity === undefined
              ? ''
              : html`<p class="who">
                  <span>Signed in as ${page.identity.userId} (${page.identity.roles.join(', ')})</span>
                  <a href="/.auth/logout?post_logout_redirect_uri=/.auth/login">Sign out</a>
                </p>`
          }
        </header>
        <main id="main">${content}</main>
      </body>
    </html>`.value;
}
