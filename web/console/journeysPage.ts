import type { Identity } from '../../shared/identity/principal';
import type { JourneyListStage } from '../../shared/journey/projection';
import type { JourneyCounts, JourneyListItem } from '../../shared/journey/projectionQuery';
import { html, type SafeHtml } from '../html';
import { csrfField, staffLayout } from '../staff/staffLayout';
import { consoleAssets } from './assets';
import { formatInstant, nextActionLabels, stageBadge, stageLabels } from './format';
import { journeyPath } from './journeyPage';
import { livePanel, refreshLink } from './livePanel';

/** The list's form as the person filled it in; every link on the page keeps it. */
export interface JourneysFilters {
  readonly stage?: JourneyListStage | undefined;
  readonly region?: string | undefined;
  readonly utility?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly q?: string | undefined;
  /** Which of the session's searches `q` came from: what the list's links carry instead of the term. */
  readonly search?: string | undefined;
}

export interface JourneysPageData {
  readonly filters: JourneysFilters;
  /** The token this page was read from; absent on the first page. */
  readonly continuation?: string | undefined;
  readonly counts?: JourneyCounts | undefined;
  readonly journeys: readonly JourneyListItem[];
  readonly next?: string | undefined;
  readonly errors: readonly string[];
  readonly now: Date;
}

export const listStageLabels: Readonly<Record<JourneyListStage, string>> = {
  contacting: 'Contacting',
  booked: 'Booked',
  onHold: 'On hold',
  closedUnreachable: 'Closed unreachable',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

const listStages = Object.keys(listStageLabels) as JourneyListStage[];

export const journeysPath = '/api/console/journeys';
export const journeysLivePath = '/api/console/journeys/live';
export const journeysSearchPath = '/api/console/journeys/search';

/**
 * The filters as a query string (empty ones left out), with any extra parameters after them. A
 * search term is never written into it, only `search=<id>`: the term itself is in the session's
 * search cookie under that id (a phone or an email in a URL would end up in HTTP logs and telemetry).
 */
export function queryOf(filters: JourneysFilters, extra: Readonly<Record<string, string>> = {}): string {
  const params = new URLSearchParams();
  const { q, search, ...rest } = filters;
  for (const [name, value] of Object.entries({ ...rest, ...(q ? { search } : {}), ...extra }))
    if (typeof value === 'string' && value !== '') params.set(name, value);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * The counts per stage are a request of their own (the live panel's first poll, at once): the
 * list page itself is then the one indexed query it needs. Without scripts, a link asks for them.
 */
function stageCounts(data: JourneysPageData): SafeHtml {
  const counts = data.counts;
  if (counts === undefined)
    return html`<p class="stages-pending">
      <a href="${journeysPath}${queryOf(data.filters, { counts: '1' })}">Count the journeys per stage</a>
    </p>`;
  const withoutStage = { ...data.filters, stage: undefined };
  const link = (stage: JourneyListStage | undefined, label: string, count: number) =>
    html`<li>
      <a
        href="${journeysPath}${queryOf({ ...withoutStage, ...(stage === undefined ? {} : { stage }) })}"
        ${data.filters.stage === stage ? html`aria-current="true"` : ''}
        ><span class="count">${count}</span> ${label}</a
      >
    </li>`;
  return html`<ul class="stages" aria-label="Journeys per stage">
    ${link(undefined, 'All stages', counts.total)}
    ${listStages.map((stage) => link(stage, listStageLabels[stage], counts.counts[stage] ?? 0))}
  </ul>`;
}

function rows(data: JourneysPageData): SafeHtml {
  if (data.journeys.length === 0)
    return html`<p>No journeys match${data.filters.q === undefined ? '' : html` “${data.filters.q}”`}.</p>`;
  return html`<div class="table-wrap">
    <table>
      <caption class="vh">
        Journeys, most recently changed first
      </caption>
      <thead>
        <tr>
          <th scope="col">Work order</th>
          <th scope="col">Utility · external id</th>
          <th scope="col">Region</th>
          <th scope="col">Stage</th>
          <th scope="col">Next step</th>
          <th scope="col">Appointment</th>
          <th scope="col">Changed</th>
        </tr>
      </thead>
      <tbody>
        ${data.journeys.map(
          (journey) =>
            html`<tr>
              <td><a href="${journeyPath(journey.workOrderId)}">${journey.workOrderId}</a></td>
              <td>${journey.utilityCode} · ${journey.externalId}</td>
              <td class="nowrap">${journey.region}</td>
              <td>
                <span class="badge ${stageBadge(journey.journeyStage)}"
                  >${stageLabels[journey.journeyStage]}</span
                >
                ${journey.attempt > 0 ? html`<span class="detail">attempt ${journey.attempt}</span>` : ''}
              </td>
              <td>
                ${
                  journey.next === undefined
                    ? '—'
                    : html`${nextActionLabels[journey.next.action]},
                        <time datetime="${journey.next.at}">${formatInstant(journey.next.at)}</time>
                        ${
                          Date.parse(journey.next.at) < data.now.getTime()
                            ? html`<span class="badge breach">overdue</span>`
                            : ''
                        }`
                }
              </td>
              <td>
                ${
                  journey.appointment === undefined
                    ? '—'
                    : html`${formatInstant(journey.appointment.windowStart)} ·
                      ${journey.appointment.technicianId}`
                }
              </td>
              <td class="nowrap">
                <time datetime="${journey.updatedAt}">${formatInstant(journey.updatedAt)}</time>
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** Counts and the page of rows: what refreshes itself while the list is open. */
export const journeysCountsPanel = (data: JourneysPageData): SafeHtml => stageCounts(data);
export const journeysRowsPanel = (data: JourneysPageData): SafeHtml => rows(data);

function pager(data: JourneysPageData): SafeHtml {
  return html`<nav class="pager" aria-label="Pages">
    ${
      data.continuation === undefined
        ? ''
        : html`<a href="${journeysPath}${queryOf(data.filters)}">First page</a>`
    }
    ${
      data.next === undefined
        ? html`<span>No more journeys.</span>`
        : html`<a href="${journeysPath}${queryOf(data.filters, { continuation: data.next })}" rel="next"
            >Next page</a
          >`
    }
  </nav>`;
}

const field = (name: string, label: string, value: string | undefined, extra: SafeHtml = html``) =>
  html`<div>
    <label for="${name}">${label}</label>
    <input id="${name}" name="${name}" value="${value ?? ''}" ${extra} />
  </div>`;

export function journeysPage(
  page: { readonly identity: Identity; readonly csrfToken: string },
  data: JourneysPageData,
): string {
  const f = data.filters;
  const live = `${journeysLivePath}${queryOf(f, data.continuation === undefined ? {} : { continuation: data.continuation })}`;
  return staffLayout(
    {
      title: 'Journeys',
      area: 'journeys',
      identity: page.identity,
      csrfToken: page.csrfToken,
      assets: consoleAssets,
    },
    html`<h1>Journeys</h1>
      <form
        method="post"
        action="${journeysSearchPath}"
        class="filters"
        role="search"
        aria-label="Find journeys"
      >
        ${csrfField(page.csrfToken)}
        ${field(
          'q',
          'Search',
          f.q,
          html`type="search" size="28" placeholder="phone, email, work order or external id"`,
        )}
        <div>
          <label for="stage">Stage</label>
          <select id="stage" name="stage">
            <option value="">All stages</option>
            ${listStages.map(
              (stage) =>
                html`<option value="${stage}" ${f.stage === stage ? html`selected` : ''}>
                  ${listStageLabels[stage]}
                </option>`,
            )}
          </select>
        </div>
        ${field('region', 'Region', f.region, html`size="8" placeholder="BE-VAN"`)}
        ${field('utility', 'Utility', f.utility, html`size="9" placeholder="ORES"`)}
        ${field('from', 'Changed from', f.from, html`type="date"`)}
        ${field('to', 'Changed to', f.to, html`type="date"`)}
        <button type="submit">Find</button>
        <a class="button secondary" href="${journeysPath}">Clear</a>
      </form>
      ${
        data.errors.length === 0
          ? ''
          : html`<div class="notice error" role="alert">
              <p>The search could not be run:</p>
              <ul>
                ${data.errors.map((error) => html`<li>${error}</li>`)}
              </ul>
            </div>`
      }
      ${livePanel(live, 'counts', journeysCountsPanel(data), { pending: data.counts === undefined })}
      ${livePanel(live, 'rows', journeysRowsPanel(data))} ${pager(data)}
      ${refreshLink(`${journeysPath}${queryOf(f)}`)}`,
  );
}
