import type { BoardRefusal } from '../../../shared/dispatch/boardChanges';
import type { PlanTechnician } from '../../../shared/dispatch/dayInput';
import type { UnplacedReason } from '../../../shared/dispatch/dayPlan';
import type { StoredPlan, StoredVisit } from '../../../shared/dispatch/storedPlan';
import type { Identity } from '../../../shared/identity/principal';
import { html, type SafeHtml } from '../../html';
import { csrfField, staffLayout } from '../../staff/staffLayout';
import { consoleAssets } from '../assets';
import { formatInstant } from '../format';
import { boardTimeline, visitAnchor, type BoardRow } from './boardTimeline';
import { routeMap, type MapRoute } from './routeMap';

export const boardPath = '/api/console/dispatch';

export const boardUrl = (region: string, day: string, extra: Record<string, string> = {}): string =>
  `${boardPath}?${new URLSearchParams({ region, day, ...extra }).toString()}`;

export const reasonWords: Readonly<Record<UnplacedReason, string>> = {
  noSkilledTechnician: 'No working technician has the skills it needs',
  technicianAbsent: 'The technician it needs is absent',
  shiftTooShort: 'No shift is long enough for the visit and the drive',
  windowUnreachable: 'No technician can reach it inside its window',
  invalidWindow: 'Its window is not a valid time range',
  unknownWorkType: 'Its work type has no duration',
  pinnedTechnicianUnavailable: 'It is pinned to a technician who is not working',
  dayFull: 'Every route that could take it is full',
};

export const refusalWords: Readonly<Record<BoardRefusal, string>> = {
  unknownVisit: 'That visit is no longer in the day’s plan.',
  unknownTechnician: 'That technician does not work in this region on this day.',
  sameTechnician: 'The visit is already with that technician.',
  inProgress: 'The technician has already set out for or started this visit, so it stays where it is.',
  notRouted: 'Only a visit in a route can be pinned.',
  infeasible:
    'The move was refused: the visit does not fit in that technician’s day (skills, window, shift or the other visits). Nothing was changed.',
};

export type BoardNotice = 'moved' | 'pinned' | 'unpinned' | 'replanning';

const noticeWords: Readonly<Record<BoardNotice, string>> = {
  moved: 'The visit was moved and pinned to its new technician; the booking follows it.',
  pinned: 'The visit is pinned: re-planning keeps it with its technician and in its place.',
  unpinned: 'The pin is off: the next re-plan may move the visit.',
  replanning: 'Re-planning started.',
};

export interface BoardRun {
  readonly instanceId: string;
  /** The orchestration's runtime status, or undefined while it is not known yet. */
  readonly status: string | undefined;
}

export interface BoardData {
  readonly region: string;
  readonly day: string;
  readonly regions: readonly string[];
  /** The region's technicians working that day, as the planner sees them. */
  readonly technicians: readonly PlanTechnician[];
  readonly names: Readonly<Record<string, string>>;
  readonly plan: StoredPlan | undefined;
  readonly run?: BoardRun | undefined;
  readonly notice?: BoardNotice | undefined;
  readonly refusal?: BoardRefusal | undefined;
  readonly errors?: readonly string[];
}

interface Page {
  readonly identity: Identity;
  readonly csrfToken: string;
}

const runWords = (status: string | undefined): string => {
  switch (status) {
    case undefined:
    case 'Pending':
      return 'waiting to start';
    case 'Running':
    case 'ContinuedAsNew':
      return 'running';
    case 'Completed':
      return 'finished: the board shows the new plan';
    case 'Failed':
      return 'failed: the plan was left as it was';
    default:
      return status.toLowerCase();
  }
};

function moveForm(page: Page, data: BoardData, visit: StoredVisit, current: string | undefined): SafeHtml {
  const others = data.technicians.filter((t) => t.id !== current);
  if (others.length === 0) return html``;
  const id = `move-${visitAnchor(visit.id)}`;
  return html`<form
    method="post"
    action="${boardPath}/move"
    class="action"
    data-confirm="Move ${visit.workOrderId} to the chosen technician?"
  >
    ${csrfField(page.csrfToken)}
    <input type="hidden" name="region" value="${data.region}" />
    <input type="hidden" name="day" value="${data.day}" />
    <input type="hidden" name="visitId" value="${visit.id}" />
    <label for="${id}">Move ${visit.workOrderId} to</label>
    <select id="${id}" name="technicianId">
      ${others.map((t) => html`<option value="${t.id}">${data.names[t.id] ?? t.id}</option>`)}
    </select>
    <button type="submit">Move</button>
  </form>`;
}

function pinForm(page: Page, data: BoardData, visit: StoredVisit): SafeHtml {
  if (visit.pin !== undefined && visit.pin.status !== 'dispatched')
    return html`<span>${visit.pin.status === 'onSite' ? 'On site' : 'En route'}</span>`;
  const pinned = visit.pin !== undefined;
  return html`<form
    method="post"
    action="${boardPath}/${pinned ? 'unpin' : 'pin'}"
    class="action"
    data-confirm="${pinned ? 'Unpin' : 'Pin'} ${visit.workOrderId}?"
  >
    ${csrfField(page.csrfToken)}
    <input type="hidden" name="region" value="${data.region}" />
    <input type="hidden" name="day" value="${data.day}" />
    <input type="hidden" name="visitId" value="${visit.id}" />
    <button type="submit" class="secondary">${pinned ? 'Unpin' : 'Pin'} ${visit.workOrderId}</button>
  </form>`;
}

function routeTable(
  page: Page,
  data: BoardData,
  row: BoardRow,
  byId: ReadonlyMap<string, StoredVisit>,
): SafeHtml {
  const stops = row.route?.stops ?? [];
  return html`<section aria-labelledby="route-${row.technicianId}">
    <h3 id="route-${row.technicianId}">
      ${row.name}
      <span class="refresh"
        >${stops.length} visits, ${Math.round(row.route?.travelMinutes ?? 0)} min driving</span
      >
    </h3>
    ${
      stops.length === 0
        ? html`<p>No visits.</p>`
        : html`<table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Work order</th>
                <th scope="col">Window</th>
                <th scope="col">Planned</th>
                <th scope="col">Drive before</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              ${stops.map((stop, index) => {
                const visit = byId.get(stop.visitId);
                if (visit === undefined) return '';
                return html`<tr id="${visitAnchor(visit.id)}" tabindex="-1">
                  <td>${index + 1}</td>
                  <td>
                    <a href="/api/console/journeys/${visit.workOrderId}">${visit.workOrderId}</a
                    >${stop.pinned ? ' (pinned)' : ''}
                  </td>
                  <td class="nowrap">${visit.window.start}–${visit.window.end}</td>
                  <td class="nowrap">${stop.start}–${stop.end}</td>
                  <td>${Math.round(stop.travelMinutes)} min</td>
                  <td>
                    <div class="actions">
                      ${moveForm(page, data, visit, row.technicianId)}${pinForm(page, data, visit)}
                    </div>
                  </td>
                </tr>`;
              })}
            </tbody>
          </table>`
    }
  </section>`;
}

/**
 * The dispatch board of one region-day: the routes as rows on a time axis, the unassigned visits
 * with their reason in words, the map, and the forms that re-plan, move and pin.
 */
export function boardPage(page: Page, data: BoardData): string {
  const visits = data.plan?.visits ?? [];
  const byId = new Map(visits.map((visit) => [visit.id, visit]));
  const routes = data.plan?.plan.routes ?? [];
  const rows: BoardRow[] = data.technicians.map((t) => ({
    technicianId: t.id,
    name: data.names[t.id] ?? t.id,
    route: routes.find((route) => route.technicianId === t.id),
  }));
  const unplaced = data.plan?.plan.unplaced ?? [];
  // "Re-planning started" is old news once the run's own status says it finished.
  const notice = data.notice === 'replanning' && data.run?.status === 'Completed' ? undefined : data.notice;
  const mapRoutes: MapRoute[] = data.technicians.map((t, index) => ({
    technicianId: t.id,
    name: rows[index]!.name,
    start: t.start,
    end: t.end,
    stops: (rows[index]!.route?.stops ?? []).flatMap((stop) => {
      const visit = byId.get(stop.visitId);
      return visit === undefined ? [] : [{ workOrderId: visit.workOrderId, location: visit.location }];
    }),
  }));
  const unassigned = unplaced.flatMap((u) => {
    const visit = byId.get(u.visitId);
    return visit === undefined ? [] : [{ visit, reason: u.reason }];
  });
  return staffLayout(
    {
      title: `Dispatch board ${data.region} ${data.day}`,
      area: 'dispatch',
      identity: page.identity,
      csrfToken: page.csrfToken,
      assets: consoleAssets,
    },
    html`<h1>Dispatch board</h1>
      <form method="get" action="${boardPath}" class="filters" aria-label="Region and day">
        <div>
          <label for="region">Region</label>
          <select id="region" name="region">
            ${data.regions.map(
              (region) =>
                html`<option value="${region}" ${region === data.region ? html`selected` : ''}>
                  ${region}
                </option>`,
            )}
          </select>
        </div>
        <div>
          <label for="day">Day</label>
          <input type="date" id="day" name="day" value="${data.day}" required />
        </div>
        <button type="submit">Show</button>
      </form>
      ${
        (data.errors ?? []).length === 0
          ? ''
          : html`<div role="alert" class="notice error">
              <ul>
                ${(data.errors ?? []).map((e) => html`<li>${e}</li>`)}
              </ul>
            </div>`
      }
      ${data.refusal === undefined ? '' : html`<div role="alert" class="notice error">${refusalWords[data.refusal]}</div>`}
      ${notice === undefined ? '' : html`<div role="status" class="notice">${noticeWords[notice]}</div>`}
      <section aria-labelledby="plan-heading">
        <h2 id="plan-heading">${data.region} on ${data.day}</h2>
        <p>
          ${
            data.plan?.optimisedAt === undefined
              ? 'Not optimised yet: the routes are the booked visits in booking order.'
              : `Last optimised ${formatInstant(data.plan.optimisedAt)}.`
          }
          ${visits.length} visits, ${Math.round(data.plan?.plan.travelMinutes ?? 0)} minutes driving in all.
        </p>
        <form
          method="post"
          action="${boardPath}/replan"
          class="action"
          data-confirm="Re-plan ${data.region} on ${data.day}? Visits that are not pinned may move to another technician."
        >
          ${csrfField(page.csrfToken)}
          <input type="hidden" name="region" value="${data.region}" />
          <input type="hidden" name="day" value="${data.day}" />
          <button type="submit">Re-plan the day</button>
        </form>
        ${
          data.run === undefined
            ? ''
            : html`<p role="status" id="run-status">
                Planning run ${data.run.instanceId}: ${runWords(data.run.status)}.
                <a href="${boardUrl(data.region, data.day, { run: data.run.instanceId })}">Refresh</a>
              </p>`
        }
      </section>
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Routes</h2>
        ${rows.length === 0 ? html`<p>No technician works in ${data.region} on this day.</p>` : boardTimeline(rows, visits)}
        ${rows.map((row) => routeTable(page, data, row, byId))}
      </section>
      <section aria-labelledby="unassigned-heading">
        <h2 id="unassigned-heading">Unassigned visits</h2>
        ${
          unassigned.length === 0
            ? html`<p>Every visit is in a route.</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th scope="col">Work order</th>
                    <th scope="col">Window</th>
                    <th scope="col">Why</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  ${unassigned.map(
                    ({ visit, reason }) =>
                      html`<tr id="${visitAnchor(visit.id)}" tabindex="-1">
                        <td><a href="/api/console/journeys/${visit.workOrderId}">${visit.workOrderId}</a></td>
                        <td class="nowrap">${visit.window.start}–${visit.window.end}</td>
                        <td>${reasonWords[reason]}</td>
                        <td>${moveForm(page, data, visit, undefined)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
      </section>
      <section aria-labelledby="map-heading">
        <h2 id="map-heading">Map</h2>
        ${routeMap(
          mapRoutes,
          unassigned.map(({ visit }) => ({ workOrderId: visit.workOrderId, location: visit.location })),
        )}
      </section>`,
  );
}
