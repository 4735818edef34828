import type { Identity } from '../../shared/identity/principal';
import { html } from '../html';
import { staffLayout } from '../staff/staffLayout';

/** What went wrong with an agent's request, field by field, with the way back. */
export function problemPage(
  identity: Identity | undefined,
  title: string,
  problems: readonly string[],
): string {
  return staffLayout(
    { title, ...(identity === undefined ? {} : { identity }) },
    html`<h1>${title}</h1>
      <div class="notice error" role="alert">
        <ul>
          ${problems.map((problem) => html`<li>${problem}</li>`)}
        </ul>
      </div>
      <p>Nothing was changed. Go back, correct it and send it again.</p>`,
  );
}
