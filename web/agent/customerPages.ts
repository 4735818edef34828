import type { StoredFile } from '../../shared/adapters/blob/personFiles';
import { CasePriority, CaseType } from '../../shared/cases/case';
import type { Customer360 } from '../../shared/customer360/customer360';
import type { Customer } from '../../shared/customers/customer';
import { html, type SafeHtml } from '../html';
import { csrfField, staffLayout } from '../staff/staffLayout';
import { agentAssets } from './agentAssets';
import type { Viewer } from './caseQueue';
import { shownTime, shownWorkOrderState } from './format';

/** One found customer record and how the search found it. */
export interface FoundCustomer {
  readonly customer: Customer;
  readonly matchedBy: 'phone' | 'email' | 'name' | 'externalId' | 'id';
}

/**
 * Customer search: one box for what a caller gives (phone, email, name, the utility's reference or
 * one of our ids); results link to each record's 360, where the call is logged as a case.
 */
export function customerSearchPage(
  viewer: Viewer,
  query: string,
  found: readonly FoundCustomer[] | undefined,
  problem?: string,
): string {
  return staffLayout(
    { title: 'Find a customer', area: 'customers', ...viewer, assets: agentAssets },
    html`<h1>Find a customer</h1>
      <form class="filters" method="post" action="/api/agent/customers" role="search">
        ${csrfField(viewer.csrfToken)}
        <div>
          <label for="q">Phone, email, name or reference</label>
          <input
            id="q"
            name="q"
            type="search"
            required
            maxlength="200"
            value="${query}"
            aria-describedby="q-hint"
          />
          <span id="q-hint" class="muted"
            >A phone as the caller gives it, e.g. 0470 12 34 56 or +32 470 12 34 56</span
          >
        </div>
        <div><button type="submit">Search</button></div>
      </form>
      ${problem === undefined ? '' : html`<p class="notice error" role="alert">${problem}</p>`}
      ${
        found === undefined
          ? ''
          : html`<section aria-labelledby="results-h">
              <h2 id="results-h">${found.length === 0 ? 'No customer found' : `${found.length} found`}</h2>
              <ul class="results">
                ${found.map(
                  ({ customer, matchedBy }) =>
                    html`<li>
                      <a href="/api/agent/customers/${customer.id}">${customer.name}</a>
                      <span class="muted"
                        >· ${customer.utilityCode} · work order
                        ${customer.workOrderId}${customer.phone === undefined ? '' : ` · ${customer.phone}`}${customer.email === undefined ? '' : ` · ${customer.email}`}
                        · matched by ${matchedBy}</span
                      >
                    </li>`,
                )}
              </ul>
            </section>`
      }`,
  );
}

/** A file as the 360 lists it: through the agent's own read route, never a storage URL. */
export const fileHref = (file: Pick<StoredFile, 'container' | 'name'>): string =>
  `/api/agent/files/${file.container}/${file.name}`;

type WorkOrderSummary = Customer360['workOrders']['open'][number];
type CaseSummary = Customer360['cases']['open'][number];

const workOrderRows = (workOrders: readonly WorkOrderSummary[]) =>
  workOrders.map(
    (workOrder) =>
      html`<tr>
        <th scope="row">${workOrder.id}</th>
        <td>${workOrder.workType}</td>
        <td>${shownWorkOrderState(workOrder.state)}</td>
        <td>${workOrder.dueDate}</td>
        <td>${workOrder.site.street}, ${workOrder.site.city}</td>
        <td>
          ${workOrder.caseIds.map((id, index) => html`${index === 0 ? '' : ', '}<a href="/api/agent/cases/${id}">${id}</a>`)}
        </td>
      </tr>`,
  );

const caseRows = (cases: readonly CaseSummary[]) =>
  cases.map(
    (summary) =>
      html`<tr>
        <th scope="row"><a href="/api/agent/cases/${summary.id}">${summary.id}</a></th>
        <td>${summary.title}</td>
        <td>${summary.type}</td>
        <td>${summary.priority}</td>
        <td>${summary.state.status} (${summary.state.reason})</td>
        <td><time datetime="${summary.createdAt}">${shownTime(summary.createdAt)}</time></td>
      </tr>`,
  );

function table(caption: string, headings: readonly string[], rows: readonly SafeHtml[]): SafeHtml {
  return rows.length === 0
    ? html`<p class="muted">${caption}: none.</p>`
    : html`<div class="table-wrap">
        <table>
          <caption>
            ${caption}
          </caption>
          <thead>
            <tr>
              ${headings.map((heading) => html`<th scope="col">${heading}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${rows}
          </tbody>
        </table>
      </div>`;
}

function newCaseForm(view: Customer360, csrfToken: string): SafeHtml {
  const workOrders = [...view.workOrders.open, ...view.workOrders.closed];
  return html`<section aria-labelledby="call-h">
    <h2 id="call-h">Log a call as a case</h2>
    <form class="stack" method="post" action="/api/agent/cases">
      ${csrfField(csrfToken)}
      <input type="hidden" name="customerId" value="${view.customerId}" />
      <div>
        <label for="call-title">What is it about</label>
        <input id="call-title" name="title" required maxlength="200" />
      </div>
      <div>
        <label for="call-type">Category</label>
        <select id="call-type" name="type">
          ${CaseType.options.map((type) => html`<option value="${type}">${type}</option>`)}
        </select>
      </div>
      <div>
        <label for="call-priority">Priority</label>
        <select id="call-priority" name="priority">
          ${CasePriority.options.map(
            (priority) =>
              html`<option value="${priority}" ${priority === 'Normal' ? html`selected` : ''}>
                ${priority}
              </option>`,
          )}
        </select>
      </div>
      <div>
        <label for="call-wo">Work order it is about</label>
        <select id="call-wo" name="workOrderId">
          <option value="">None</option>
          ${workOrders.map(
            (workOrder, index) =>
              html`<option
                value="${workOrder.id}"
                ${index === 0 && view.workOrders.open.length > 0 ? html`selected` : ''}
              >
                ${workOrder.id} (${workOrder.workType}, ${workOrder.state.status})
              </option>`,
          )}
        </select>
      </div>
      <div>
        <label for="call-note">Note</label>
        <textarea id="call-note" name="note" required maxlength="4000"></textarea>
      </div>
      <div class="choice">
        <input type="checkbox" id="call-answered" name="answered" value="yes" checked />
        <label for="call-answered">I spoke with the customer (the first response)</label>
      </div>
      <div><button type="submit">Open the case</button></div>
    </form>
  </section>`;
}

/**
 * One person in one place for an agent on the phone: who they are, their work orders and cases,
 * every message we sent with its delivery status, their uploads and the technicians' photos, and
 * the form that logs this call as a case.
 */
export function customer360Page(viewer: Viewer, view: Customer360, files: readonly StoredFile[]): string {
  const { person } = view;
  return staffLayout(
    { title: `${person.name} – customer`, area: 'customers', ...viewer, assets: agentAssets },
    html`<p><a href="/api/agent/customers">Find another customer</a></p>
      <h1>${person.name}</h1>
      <div class="columns">
        <div>
          <section aria-labelledby="wo-h">
            <h2 id="wo-h">Work orders</h2>
            ${table('Open work orders', ['Work order', 'Type', 'Status', 'Due', 'Site', 'Cases'], workOrderRows(view.workOrders.open))}
            ${table('Closed work orders', ['Work order', 'Type', 'Status', 'Due', 'Site', 'Cases'], workOrderRows(view.workOrders.closed))}
          </section>
          <section aria-labelledby="cases-h">
            <h2 id="cases-h">Cases</h2>
            ${table('Open cases', ['Case', 'Title', 'Category', 'Priority', 'State', 'Opened'], caseRows(view.cases.open))}
            ${table('Closed cases', ['Case', 'Title', 'Category', 'Priority', 'State', 'Opened'], caseRows(view.cases.closed))}
          </section>
          <section aria-labelledby="comms-h">
            <h2 id="comms-h">Messages sent</h2>
            ${table(
              'Messages, newest first',
              ['Sent', 'Channel', 'Purpose', 'Work order', 'Delivery'],
              view.communications.map(
                (message) =>
                  html`<tr>
                    <td><time datetime="${message.createdAt}">${shownTime(message.createdAt)}</time></td>
                    <td>${message.channel}</td>
                    <td>${message.purpose}</td>
                    <td>${message.workOrderId}</td>
                    <td>
                      <span
                        class="badge ${message.status === 'failed' ? 'breach' : message.status === 'delivered' ? 'ok' : ''}"
                        >${message.status}</span
                      >
                      ${message.failureReason ?? ''}
                    </td>
                  </tr>`,
              ),
            )}
          </section>
          <section aria-labelledby="files-h">
            <h2 id="files-h">Uploads and photos</h2>
            ${
              files.length === 0
                ? html`<p class="muted">No files.</p>`
                : html`<ul class="results">
                      ${files.map(
                        (file) =>
                          html`<li>
                            <a href="${fileHref(file)}"
                              >${file.container === 'photos' ? 'Technician photo' : 'Customer upload'}
                              ${file.name.slice(file.name.indexOf('/') + 1)}</a
                            >
                            <span class="muted"
                              >· ${file.contentType ?? 'file'} · ${Math.ceil(file.size / 1024)} KB ·
                              <time datetime="${file.createdOn}">${shownTime(file.createdOn)}</time></span
                            >
                          </li>`,
                      )}
                    </ul>
                    <p class="muted">Links open a copy valid for 15 minutes.</p>`
            }
          </section>
        </div>
        <div>
          <section aria-labelledby="person-h">
            <h2 id="person-h">Contact</h2>
            <dl class="facts">
              <dt>Phone</dt>
              <dd>${person.phone ?? 'none'}${person.smsOptedOut ? ' (no SMS: opted out)' : ''}</dd>
              <dt>Email</dt>
              <dd>${person.email ?? 'none'}</dd>
              <dt>Language</dt>
              <dd>${person.language}</dd>
              <dt>Prefers</dt>
              <dd>${person.preferredChannel ?? 'no preference'}</dd>
              <dt>Records</dt>
              <dd>${view.customerIds.length} (same phone or email)</dd>
            </dl>
          </section>
          ${newCaseForm(view, viewer.csrfToken)}
          <section aria-labelledby="hist-h">
            <h2 id="hist-h">Recent history</h2>
            ${
              view.recentHistory.length === 0
                ? html`<p class="muted">Nothing yet.</p>`
                : html`<ol class="timeline">
                    ${view.recentHistory
                      .slice(0, 30)
                      .map(
                        (event) =>
                          html`<li>
                            <time datetime="${event.occurredAt}">${shownTime(event.occurredAt)}</time> ·
                            ${event.summary}
                          </li>`,
                      )}
                  </ol>`
            }
          </section>
        </div>
      </div>`,
  );
}
