import { canApplyCaseCommand } from '../../shared/cases/caseMachine';
import type { CaseCommandType } from '../../shared/cases/caseCommand';
import type { CaseRecord } from '../../shared/cases/caseRecord';
import type { CaseSlas } from '../../shared/cases/caseSlas';
import type { Customer } from '../../shared/customers/customer';
import type { TimelineEvent } from '../../shared/timeline/timelineEvent';
import type { WorkOrder } from '../../shared/workorders/workOrder';
import { html, type SafeHtml } from '../html';
import { csrfField, staffLayout } from '../staff/staffLayout';
import { agentAssets } from './agentAssets';
import type { Viewer, WarningFractions } from './caseQueue';
import { shownTime, shownWorkOrderState } from './format';
import { slaCell } from './slaCell';

/** The moves an agent makes from the case page; resolve and cancel go through the close page. */
const moves: ReadonlyArray<{
  readonly command: CaseCommandType;
  readonly label: string;
  readonly lands?: string;
}> = [
  { command: 'startWork', label: 'Start work', lands: 'InProgress' },
  { command: 'awaitCustomer', label: 'Wait for the customer', lands: 'WaitingForCustomer' },
  { command: 'hold', label: 'Put on hold', lands: 'OnHold' },
  { command: 'reactivate', label: 'Reactivate' },
];

/** The state changes the case machine allows from here, less the one that would change nothing. */
export const allowedMoves = (record: CaseRecord) =>
  moves.filter(
    (move) =>
      canApplyCaseCommand(record.state.status, move.command) &&
      !(record.state.status === 'Active' && record.state.reason === move.lands),
  );

export interface CaseDetail {
  readonly record: CaseRecord;
  readonly slas: CaseSlas;
  readonly fractions: WarningFractions;
  readonly events: readonly TimelineEvent[];
  readonly customer?: Customer;
  /** The customer's work orders, offered for linking. */
  readonly customerWorkOrders: readonly WorkOrder[];
  /** Whether the viewer may create work orders (the `sendFieldService` grant). */
  readonly maySendFieldService: boolean;
  readonly done?: string;
}

const doneText: Readonly<Record<string, string>> = {
  opened: 'Case opened.',
  moved: 'Case state changed.',
  noted: 'Added to the case.',
  linked: 'Work order linked.',
  closed: 'Case closed.',
  followUp: 'Follow-up work order created; the customer will be invited to book it.',
};

const entryKinds = [
  ['note', 'Internal note (not a response)'],
  ['phone', 'Call with the customer'],
  ['email', 'Reply sent by email'],
  ['sms', 'Reply sent by SMS'],
] as const;

function notesSection(record: CaseRecord, csrfToken: string): SafeHtml {
  const entries = [
    ...record.notes.map((note) => ({
      at: note.at,
      who: note.author.id ?? note.author.kind,
      what: 'Note',
      text: note.text,
    })),
    ...record.contacts.map((contact) => ({
      at: contact.at,
      who: contact.author.id ?? contact.author.kind,
      what: contact.channel === 'phone' ? 'Call' : `Reply by ${contact.channel}`,
      text: contact.summary,
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return html`<section aria-labelledby="notes-h">
    <h2 id="notes-h">Notes and contact</h2>
    ${
      record.state.status === 'Cancelled'
        ? ''
        : html`<form class="stack" method="post" action="/api/agent/cases/${record.id}/notes">
            ${csrfField(csrfToken)}
            <div>
              <label for="entry-kind">Kind</label>
              <select id="entry-kind" name="kind">
                ${entryKinds.map(([value, label]) => html`<option value="${value}">${label}</option>`)}
              </select>
            </div>
            <div>
              <label for="entry-text">Text</label>
              <textarea id="entry-text" name="text" required maxlength="4000"></textarea>
            </div>
            <div><button type="submit">Add</button></div>
          </form>`
    }
    ${
      entries.length === 0
        ? html`<p class="muted">Nothing yet.</p>`
        : html`<ol class="timeline">
            ${entries.map(
              (entry) =>
                html`<li>
                  <strong>${entry.what}</strong> by ${entry.who},
                  <time datetime="${entry.at}">${shownTime(entry.at)}</time>
                  <p>${entry.text}</p>
                </li>`,
            )}
          </ol>`
    }
  </section>`;
}

function workOrdersSection(detail: CaseDetail, csrfToken: string): SafeHtml {
  const { record } = detail;
  const linkedIds = new Set(record.workOrders.map((linked) => linked.workOrderId));
  const linkable = detail.customerWorkOrders.filter((workOrder) => !linkedIds.has(workOrder.id));
  return html`<section aria-labelledby="wo-h">
    <h2 id="wo-h">Linked work orders</h2>
    ${
      record.workOrders.length === 0
        ? html`<p class="muted">No work order is linked.</p>`
        : html`<div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Work order</th>
                  <th scope="col">Status</th>
                  <th scope="col">Cycle</th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                ${record.workOrders.map(
                  (linked) =>
                    html`<tr>
                      <th scope="row">
                        ${linked.workOrderId}${linked.workOrderId === record.workOrderId ? html` <span class="badge">case is about it</span>` : ''}
                      </th>
                      <td>${shownWorkOrderState(linked.state)}</td>
                      <td>${linked.cycle}${linked.cycle === record.cycle ? ' (current)' : ''}</td>
                      <td><time datetime="${linked.updatedAt}">${shownTime(linked.updatedAt)}</time></td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
    ${
      record.state.status === 'Cancelled'
        ? ''
        : html`<form class="filters" method="post" action="/api/agent/cases/${record.id}/work-orders">
            ${csrfField(csrfToken)}
            <div>
              <label for="link-wo">Link a work order (id)</label>
              <input
                id="link-wo"
                name="workOrderId"
                required
                list="customer-work-orders"
                autocomplete="off"
              />
              <datalist id="customer-work-orders">
                ${linkable.map(
                  (workOrder) =>
                    html`<option value="${workOrder.id}">
                      ${workOrder.workType}, ${workOrder.state.status}, due ${workOrder.dueDate}
                    </option>`,
                )}
              </datalist>
            </div>
            <div><button type="submit" class="secondary">Link</button></div>
          </form>`
    }
    ${
      detail.maySendFieldService && record.state.status === 'Active'
        ? record.workOrderId === undefined
          ? html`<p class="muted">Link the work order the call is about to create a follow-up from it.</p>`
          : html`<p>
              <a class="button" href="/api/agent/cases/${record.id}/follow-up"
                >Create a follow-up work order</a
              >
            </p>`
        : ''
    }
  </section>`;
}

function timelineSection(events: readonly TimelineEvent[]): SafeHtml {
  return html`<section aria-labelledby="tl-h">
    <h2 id="tl-h">Timeline</h2>
    ${
      events.length === 0
        ? html`<p class="muted">No events yet.</p>`
        : html`<ol class="timeline">
            ${[...events]
              .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt))
              .map(
                (event) =>
                  html`<li class="${event.type.startsWith('sla.') ? 'sla' : ''}">
                    <time datetime="${event.occurredAt}">${shownTime(event.occurredAt)}</time> ·
                    ${event.summary}
                    <span class="muted"
                      >(${event.actor.kind}${event.actor.id === undefined ? '' : ` ${event.actor.id}`})</span
                    >
                  </li>`,
              )}
          </ol>`
    }
  </section>`;
}

/**
 * One case for the agent working it: its facts and both SLA clocks, the moves its state machine
 * allows, notes and contact (a contact is the first response), its work orders, and its timeline.
 */
export function caseDetailPage(viewer: Viewer, detail: CaseDetail): string {
  const { record, slas, fractions } = detail;
  const done = detail.done === undefined ? undefined : doneText[detail.done];
  const moveForms = allowedMoves(record);
  return staffLayout(
    { title: `${record.id} ${record.title}`, area: 'cases', ...viewer, assets: agentAssets },
    html`<p><a href="/api/agent/cases">Back to the queue</a></p>
      <h1>${record.id}: ${record.title}</h1>
      ${done === undefined ? '' : html`<p class="notice" role="status">${done}</p>`}
      <div class="columns">
        <div>
          <section aria-labelledby="facts-h">
            <h2 id="facts-h">Case</h2>
            <dl class="facts">
              <dt>State</dt>
              <dd>${record.state.status} (${record.state.reason})</dd>
              <dt>Priority</dt>
              <dd>${record.priority}</dd>
              <dt>Category</dt>
              <dd>${record.type}</dd>
              <dt>Origin</dt>
              <dd>${record.origin}</dd>
              <dt>Owner</dt>
              <dd>${record.owner.kind} ${record.owner.id}</dd>
              <dt>Customer</dt>
              <dd>
                ${
                  record.customerId === undefined
                    ? 'none'
                    : html`<a href="/api/agent/customers/${record.customerId}"
                        >${detail.customer?.name ?? record.customerId}</a
                      >`
                }
              </dd>
              <dt>Opened</dt>
              <dd><time datetime="${record.createdAt}">${shownTime(record.createdAt)}</time></dd>
              ${
                record.description === undefined
                  ? ''
                  : html`<dt>Description</dt>
                      <dd>${record.description}</dd>`
              }
            </dl>
          </section>
          ${notesSection(record, viewer.csrfToken)} ${workOrdersSection(detail, viewer.csrfToken)}
        </div>
        <div>
          <section aria-labelledby="sla-h">
            <h2 id="sla-h">SLA</h2>
            <dl class="facts">
              <dt>First response</dt>
              <dd>${slaCell(slas.firstResponse, fractions.firstResponse)}</dd>
              <dt>Resolution</dt>
              <dd>${slaCell(slas.resolution, fractions.resolution)}</dd>
            </dl>
          </section>
          <section aria-labelledby="moves-h">
            <h2 id="moves-h">Change state</h2>
            <div class="actions">
              ${moveForms.map(
                (move) =>
                  html`<form class="inline" method="post" action="/api/agent/cases/${record.id}/state">
                    ${csrfField(viewer.csrfToken)}
                    <input type="hidden" name="command" value="${move.command}" />
                    <button type="submit" class="secondary">${move.label}</button>
                  </form>`,
              )}
              ${
                record.state.status === 'Active'
                  ? html`<a class="button" href="/api/agent/cases/${record.id}/close">Close the case…</a>`
                  : ''
              }
            </div>
            ${moveForms.length === 0 && record.state.status !== 'Active' ? html`<p class="muted">A ${record.state.status.toLowerCase()} case cannot move.</p>` : ''}
          </section>
          ${timelineSection(detail.events)}
        </div>
      </div>`,
  );
}
