import type { SessionUser } from './sessionToken';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface LoginPageModel {
  readonly demoUsers: readonly SessionUser[];
  readonly roles: readonly string[];
  /** Where the browser goes after signing in; already checked. */
  readonly redirect: string;
  /** The login form's anti-forgery value (also in the nonce cookie). */
  readonly nonce: string;
  readonly error?: string;
}

const page = (title: string, body: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
fieldset{margin:1rem 0;border:1px solid #767676;padding:1rem}button{font:inherit;padding:.4rem .9rem;margin:.2rem 0}
label{display:block;margin:.3rem 0}input[type=text]{font:inherit;padding:.3rem;width:100%;box-sizing:border-box}
.note{color:#4a4a4a}.error{color:#a4000f;font-weight:bold}</style></head>
<body><main>${body}</main></body></html>`;

const hiddenFields = (model: LoginPageModel): string =>
  `<input type="hidden" name="nonce" value="${escapeHtml(model.nonce)}">` +
  `<input type="hidden" name="post_login_redirect_uri" value="${escapeHtml(model.redirect)}">`;

const demoUserForm = (model: LoginPageModel, user: SessionUser): string =>
  `<li><form method="post" action="/.auth/login/aad/callback">${hiddenFields(model)}` +
  `<input type="hidden" name="userId" value="${escapeHtml(user.userId)}">` +
  `<input type="hidden" name="name" value="${escapeHtml(user.name)}">` +
  user.roles.map((role) => `<input type="hidden" name="roles" value="${escapeHtml(role)}">`).join('') +
  `<button type="submit">${escapeHtml(user.name)}</button> <span class="note">${escapeHtml(user.roles.join(', ') || 'no role')}</span></form></li>`;

/**
 * The local stand-in for the Entra sign-in page behind `/.auth/login/aad`: pick a demo user, or
 * name one and tick its roles. Nothing is checked against a directory; the result is a session
 * exactly like the platform's.
 */
export function renderLoginPage(model: LoginPageModel): string {
  const demo =
    model.demoUsers.length === 0
      ? ''
      : `<h2>Demo users</h2><ul>${model.demoUsers.map((user) => demoUserForm(model, user)).join('')}</ul>`;
  const roleBoxes = model.roles
    .map(
      (role) =>
        `<label><input type="checkbox" name="roles" value="${escapeHtml(role)}"> ${escapeHtml(role)}</label>`,
    )
    .join('');
  const roleInput =
    model.roles.length === 0
      ? `<label for="roles">Roles (comma-separated)</label><input type="text" id="roles" name="roles">`
      : `<fieldset><legend>Roles</legend>${roleBoxes}</fieldset>`;
  const error = model.error ? `<p class="error" role="alert">${escapeHtml(model.error)}</p>` : '';
  return page(
    'Sign in (local)',
    `<h1>Sign in</h1><p class="note">Local emulation of App Service Authentication (Microsoft Entra ID). ` +
      `The session is a cookie, as in Azure; the app receives the principal headers the platform sets.</p>${error}${demo}` +
      `<h2>Another user</h2><form method="post" action="/.auth/login/aad/callback">${hiddenFields(model)}` +
      `<label for="userId">User id (Entra object id)</label><input type="text" id="userId" name="userId" required maxlength="128">` +
      `<label for="name">Display name</label><input type="text" id="name" name="name" required maxlength="128">` +
      `${roleInput}<button type="submit">Sign in</button></form>`,
  );
}

export function renderMessagePage(
  title: string,
  text: string,
  link: { href: string; label: string },
): string {
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>`,
  );
}
