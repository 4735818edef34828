import type { CaseRecord } from '../../shared/cases/caseRecord';
import { html } from '../html';
import { csrfField, staffLayout } from '../staff/staffLayout';
import { agentAssets } from './agentAssets';
import type { Viewer } from './caseQueue';
import type { CloseOutlook } from './closeOutlook';

const outcomes = [
  ['resolve:ProblemSolved', 'Resolve: problem solved'],
  ['resolve:InformationProvided', 'Resolve: information provided'],
  ['cancel:Withdrawn', 'Cancel: withdrawn by the customer'],
  ['cancel:Duplicate', 'Cancel: duplicate of another case'],
] as const;

/**
 * Closing a case, in two steps even without script: this page says what the configured cascade
 * would do if the case stayed open and what closing now does to its clocks and work orders, and
 * only its form closes (the shared script asks once more).
 */
export function closePage(viewer: Viewer, record: CaseRecord, outlook: CloseOutlook): string {
  return staffLayout(
    { title: `Close ${record.id}`, area: 'cases', ...viewer, assets: agentAssets },
    html`<p><a href="/api/agent/cases/${record.id}">Back to ${record.id}</a></p>
      <h1>Close ${record.id}: ${record.title}</h1>
      <section aria-labelledby="cascade-h">
        <h2 id="cascade-h">What the closure cascade does</h2>
        <p id="cascade-text">${outlook.cascade}</p>
      </section>
      <section aria-labelledby="effects-h">
        <h2 id="effects-h">What closing now does</h2>
        <h3>Resolving</h3>
        <ul>
          ${outlook.ifResolved.map((line) => html`<li>${line}</li>`)}
        </ul>
        <h3>Cancelling</h3>
        <ul>
          ${outlook.ifCancelled.map((line) => html`<li>${line}</li>`)}
        </ul>
      </section>
      <form
        class="stack"
        method="post"
        action="/api/agent/cases/${record.id}/close"
        data-confirm="Close ${record.id} now?"
      >
        ${csrfField(viewer.csrfToken)}
        <fieldset>
          <legend>Outcome</legend>
          ${outcomes.map(
            ([value, label], index) =>
              html`<div class="choice">
                <input
                  type="radio"
                  id="outcome-${index}"
                  name="outcome"
                  value="${value}"
                  ${index === 0 ? html`checked` : ''}
                />
                <label for="outcome-${index}">${label}</label>
              </div>`,
          )}
        </fieldset>
        <div><button type="submit" class="danger">Close the case</button></div>
      </form>`,
  );
}
