import { CasePriority, CaseType } from '../../shared/cases/case';
import type { Identity } from '../../shared/identity/principal';
import { html, type SafeHtml } from '../html';
import { staffLayout } from '../staff/staffLayout';
import { agentAssets } from './agentAssets';
import { shownTime } from './format';
import { queueHref, type QueueQuery, type QueueRow } from './queueQuery';
import { slaCell } from './slaCell';

export interface Viewer {
  readonly identity: Identity;
  readonly csrfToken: string;
}

/** The policy's warning thresholds, shown beside the badges they explain. */
export interface WarningFractions {
  readonly firstResponse: number;
  readonly resolution: number;
}

/** Seconds between the queue script's refreshes: SLA badges move in minutes, not seconds. */
export const queueRefreshSeconds = 10;

const select = (
  name: string,
  label: string,
  options: readonly (readonly [string, string])[],
  current: string | undefined,
) =>
  html`<div>
    <label for="f-${name}">${label}</label>
    <select id="f-${name}" name="${name}">
      ${options.map(
        ([value, text]) =>
          html`<option value="${value}" ${value === (current ?? '') ? html`selected` : ''}>${text}</option>`,
      )}
    </select>
  </div>`;

const columns = [
  { sort: 'opened', label: 'Opened' },
  { sort: 'priority', label: 'Priority' },
  { sort: 'due', label: 'Due' },
] as const;

function sortHeader(query: QueueQuery, column: (typeof columns)[number]): SafeHtml {
  const active = query.sort === column.sort;
  return html`<th
    scope="col"
    ${active ? html`aria-sort="${column.sort === 'opened' ? 'descending' : 'ascending'}"` : ''}
  >
    <a href="${queueHref(query, { sort: column.sort })}"
      >${column.label}<span class="vh">${active ? ' (sorted)' : ', sort by this'}</span></a
    >
  </th>`;
}

/** The part the script refreshes in place: the count and the table. */
export function queueResults(
  query: QueueQuery,
  rows: readonly QueueRow[],
  fractions: WarningFractions,
  now: Date,
): SafeHtml {
  return html`<p id="queue-count">
      ${rows.length} ${rows.length === 1 ? 'case' : 'cases'} · as of
      <time datetime="${now.toISOString()}">${shownTime(now.toISOString())}</time>
    </p>
    ${
      rows.length === 0
        ? html`<p>No cases match these filters.</p>`
        : html`<div class="table-wrap">
            <table>
              <caption class="vh">
                Cases,
                ${query.sort === 'due' ? 'soonest due first' : query.sort === 'priority' ? 'highest priority first' : 'newest first'}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Title</th>
                  <th scope="col">Category</th>
                  ${sortHeader(query, columns[1])}
                  <th scope="col">State</th>
                  <th scope="col">First response</th>
                  ${sortHeader(query, columns[2])} ${sortHeader(query, columns[0])}
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  ({ record, slas }) =>
                    html`<tr data-case="${record.id}">
                      <th scope="row"><a href="/api/agent/cases/${record.id}">${record.id}</a></th>
                      <td>${record.title}</td>
                      <td>${record.type}</td>
                      <td>${record.priority}</td>
                      <td>${record.state.status} (${record.state.reason})</td>
                      <td>${slaCell(slas.firstResponse, fractions.firstResponse)}</td>
                      <td>${slaCell(slas.resolution, fractions.resolution)}</td>
                      <td><time datetime="${record.createdAt}">${shownTime(record.createdAt)}</time></td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }`;
}

/**
 * The agent's case queue: filters in a plain GET form (so a filtered queue is a link), sortable
 * columns as links, and both SLA clocks per case. The script refreshes the results in place; the
 * page is whole without it.
 */
export function caseQueuePage(
  viewer: Viewer,
  query: QueueQuery,
  rows: readonly QueueRow[],
  fractions: WarningFractions,
  now: Date,
  problems: readonly string[] = [],
): string {
  return staffLayout(
    { title: 'Case queue', area: 'cases', ...viewer, assets: agentAssets },
    html`<h1>Case queue</h1>
      <p><a class="button secondary" href="/api/agent/customers">Log a call: find the customer</a></p>
      ${
        problems.length === 0
          ? ''
          : html`<p class="notice error" role="alert">Filters not understood: ${problems.join('; ')}</p>`
      }
      <form class="filters" method="get" action="/api/agent/cases" aria-label="Filter and sort cases">
        ${select(
          'state',
          'State',
          [
            ['Active', 'Active'],
            ['Resolved', 'Resolved'],
            ['Cancelled', 'Cancelled'],
          ],
          query.state,
        )}
        ${select('priority', 'Priority', [['', 'Any'], ...CasePriority.options.map((p) => [p, p] as const)], query.priority)}
        ${select('category', 'Category', [['', 'Any'], ...CaseType.options.map((t) => [t, t] as const)], query.category)}
        ${select(
          'sla',
          'SLA',
          [
            ['', 'Any'],
            ['attention', 'Warning or breached'],
            ['warning', 'Warning only'],
            ['breached', 'Breached only'],
          ],
          query.sla,
        )}
        ${select(
          'sort',
          'Sort by',
          [
            ['due', 'Due soonest'],
            ['priority', 'Priority'],
            ['opened', 'Newest'],
          ],
          query.sort,
        )}
        <div><button type="submit">Apply</button></div>
      </form>
      <div
        id="queue-results"
        data-refresh-url="${queueHref(query)}"
        data-refresh-seconds="${queueRefreshSeconds}"
      >
        ${queueResults(query, rows, fractions, now)}
      </div>
      <p id="queue-refresh" class="vh" role="status"></p>`,
  );
}
