import type { Identity } from '../../shared/identity/principal';
import { html } from '../html';
import { staffLayout } from '../staff/staffLayout';
import { technicianAssets } from './assets';

export interface TechnicianShell {
  readonly identity: Identity;
  readonly csrfToken: string;
}

/**
 * The page the phone installs and caches: the staff layout, the manifest, and an empty stage the
 * app draws today's route into from the technician API. It holds no work order data, so the
 * cached copy never shows yesterday's work; the app's own copy does, and says so.
 */
export function technicianShell(shell: TechnicianShell): string {
  return staffLayout(
    {
      title: 'My day',
      area: 'technician',
      identity: shell.identity,
      csrfToken: shell.csrfToken,
      assets: [technicianAssets.css, technicianAssets.views, technicianAssets.app],
      head: html`<link rel="manifest" href="${technicianAssets.manifest.path}" />
        <link rel="apple-touch-icon" href="${technicianAssets.icon.path}" />
        <meta name="theme-color" content="#14365d" />`,
    },
    html`<div id="app" data-technician="${shell.identity.userId}">
        <h1>Today’s route</h1>
        <p>Loading your day…</p>
        <noscript><p class="notice error">This app needs JavaScript switched on.</p></noscript>
      </div>
      <dialog id="confirm" aria-labelledby="confirm-title" aria-describedby="confirm-text">
        <form method="dialog">
          <h2 id="confirm-title">Are you sure?</h2>
          <p id="confirm-text"></p>
          <p class="actions">
            <button type="submit" value="cancel" class="secondary">Go back</button>
            <button type="submit" value="ok" id="confirm-ok" class="danger">Confirm</button>
          </p>
        </form>
      </dialog>`,
  );
}
