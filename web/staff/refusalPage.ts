import type { Identity } from '../../shared/identity/principal';
import { html } from '../html';
import { homeFor } from './navigation';
import { staffLayout } from './staffLayout';

/**
 * The page a signed-in person meets on a screen their roles do not open: says so plainly, names
 * the roles that would, and offers their own area and another sign-in instead of a bare status.
 */
export function forbiddenPage(identity: Identity, neededRoles: readonly string[]): string {
  const home = homeFor(identity.roles);
  return staffLayout(
    { title: 'No access', identity },
    html`<h1>You do not have access to this page</h1>
      <p class="notice error" role="alert">
        This page needs one of these roles: ${neededRoles.join(', ')}. You are signed in with:
        ${identity.roles.length === 0 ? 'no Fieldline role' : identity.roles.join(', ')}.
      </p>
      <p>
        ${home === undefined ? '' : html`<a href="${home}">Go to your own work</a> or `}
        <a href="/.auth/logout?post_logout_redirect_uri=/.auth/login">sign in as someone else</a>.
      </p>`,
  );
}

/** A form posted from a stale or foreign page: nothing changed, and reloading the page fixes it. */
export function staleFormPage(identity: Identity | undefined, reason: string): string {
  return staffLayout(
    { title: 'Not sent', ...(identity === undefined ? {} : { identity }) },
    html`<h1>That action was not carried out</h1>
      <p class="notice error" role="alert">${reason}</p>
      <p>Go back, reload the page and try again.</p>`,
  );
}
