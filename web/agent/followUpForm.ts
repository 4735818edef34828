import type { CaseRecord } from '../../shared/cases/caseRecord';
import { WorkType } from '../../shared/contracts/inbound/workType';
import type { WorkOrder } from '../../shared/workorders/workOrder';
import { html } from '../html';
import { csrfField, staffLayout } from '../staff/staffLayout';
import { agentAssets } from './agentAssets';
import type { Viewer } from './caseQueue';

/** What the form starts with: the source work order's job, and the case's words as the notes. */
export interface FollowUpDefaults {
  readonly workType: WorkOrder['workType'];
  readonly dueDate: string;
  readonly requiredSkills: readonly string[];
  readonly estimatedDurationMinutes: number;
  readonly notes: string;
}

/** Pre-fill: the same job as the work order the case is about, due a week from today at the earliest. */
export function followUpDefaults(record: CaseRecord, source: WorkOrder, today: string): FollowUpDefaults {
  const weekOut = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  const notes = [`Follow-up for ${record.id}: ${record.title}`, record.description]
    .filter(Boolean)
    .join('\n');
  return {
    workType: source.workType,
    dueDate: source.dueDate > weekOut ? source.dueDate : weekOut,
    requiredSkills: source.requiredSkills,
    estimatedDurationMinutes: source.estimatedDurationMinutes,
    notes: notes.slice(0, 2000),
  };
}

/**
 * A follow-up work order from a case: what is copied from the work order the case is about
 * (utility, customer, site, asset) is shown, what the agent may change is in the form.
 */
export function followUpFormPage(
  viewer: Viewer,
  record: CaseRecord,
  source: WorkOrder,
  defaults: FollowUpDefaults,
  today: string,
): string {
  const { site } = source;
  return staffLayout(
    { title: `Follow-up for ${record.id}`, area: 'cases', ...viewer, assets: agentAssets },
    html`<p><a href="/api/agent/cases/${record.id}">Back to ${record.id}</a></p>
      <h1>Follow-up work order for ${record.id}</h1>
      <section aria-labelledby="copied-h">
        <h2 id="copied-h">Copied from ${source.id}</h2>
        <dl class="facts">
          <dt>Utility</dt>
          <dd>${source.utilityCode}</dd>
          <dt>Customer</dt>
          <dd>${source.customerId}</dd>
          <dt>Site</dt>
          <dd>${site.street}, ${site.postcode} ${site.city}</dd>
          <dt>Priority</dt>
          <dd>${source.priority}</dd>
          ${
            source.asset === undefined
              ? ''
              : html`<dt>Asset</dt>
                  <dd>${source.asset.meterNumber ?? source.asset.connectionPointId}</dd>`
          }
        </dl>
      </section>
      <form class="stack" method="post" action="/api/agent/cases/${record.id}/follow-up">
        ${csrfField(viewer.csrfToken)}
        <div>
          <label for="fu-type">Work type</label>
          <select id="fu-type" name="workType">
            ${WorkType.options.map(
              (type) =>
                html`<option value="${type}" ${type === defaults.workType ? html`selected` : ''}>
                  ${type}
                </option>`,
            )}
          </select>
        </div>
        <div>
          <label for="fu-due">Due date</label>
          <input id="fu-due" name="dueDate" type="date" required min="${today}" value="${defaults.dueDate}" />
        </div>
        <div>
          <label for="fu-skills">Required skills (comma-separated)</label>
          <input id="fu-skills" name="requiredSkills" value="${defaults.requiredSkills.join(', ')}" />
        </div>
        <div>
          <label for="fu-minutes">Estimated minutes</label>
          <input
            id="fu-minutes"
            name="estimatedDurationMinutes"
            type="number"
            min="15"
            max="600"
            step="5"
            value="${defaults.estimatedDurationMinutes}"
          />
        </div>
        <div>
          <label for="fu-notes">Notes for the technician</label>
          <textarea id="fu-notes" name="notes" maxlength="2000">${defaults.notes}</textarea>
        </div>
        <div><button type="submit">Create the work order</button></div>
      </form>`,
  );
}
