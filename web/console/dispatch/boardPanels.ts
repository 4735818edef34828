import type { StoredVisit } from '../../../shared/dispatch/storedPlan';
import type { UnplacedReason } from '../../../shared/dispatch/dayPlan';
import { html, type SafeHtml } from '../../html';
import { csrfField } from '../../staff/staffLayout';
import { formatInstant } from '../format';
import { boardPath, boardUrl, type BoardData, type BoardViewer as Page } from './boardData';
import { boardTimeline, visitAnchor, type BoardRow } from './boardTimeline';
import { routeMap, type MapRoute } from './routeMap';

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

/** The parts of the board that follow the day as it changes, each swapped on its own. */
export const boardParts = ['summary', 'routes', 'unassigned', 'map'] as const;
export type BoardPart = (typeof boardParts)[number];

function rowsOf(data: BoardData): BoardRow[] {
  const routes = data.plan?.plan.routes ?? [];
  return data.technicians.map((t) => ({
    technicianId: t.id,
    name: data.names[t.id] ?? t.id,
    route: routes.find((route) => route.technicianId === t.id),
  }));
}

function unassignedOf(data: BoardData, byId: ReadonlyMap<string, StoredVisit>) {
  return (data.plan?.plan.unplaced ?? []).flatMap((u) => {
    const visit = byId.get(u.visitId);
    return visit === undefined ? [] : [{ visit, reason: u.reason }];
  });
}

function summaryPanel(data: BoardData): SafeHtml {
  const visits = data.plan?.visits ?? [];
  return html`<p>
      ${
        data.plan?.optimisedAt === undefined
          ? 'Not optimised yet: the routes are the booked visits in booking order.'
          : `Last optimised ${formatInstant(data.plan.optimisedAt)}.`
      }
      ${visits.length} visits, ${Math.round(data.plan?.plan.travelMinutes ?? 0)} minutes driving in all.
    </p>
    ${
      data.notice === 'replanning' && data.run?.status !== 'Completed'
        ? html`<div role="status" class="notice">Re-planning started.</div>`
        : ''
    }
    ${
      data.run === undefined
        ? ''
        : html`<p id="run-status">
            Planning run ${data.run.instanceId}: ${runWords(data.run.status)}.
            <a href="${boardUrl(data.region, data.day, { run: data.run.instanceId })}">Refresh</a>
          </p>`
    }`;
}

function routesPanel(page: Page, data: BoardData, byId: ReadonlyMap<string, StoredVisit>): SafeHtml {
  const rows = rowsOf(data);
  return html`${rows.length === 0 ? html`<p>No technician works in ${data.region} on this day.</p>` : boardTimeline(rows, data.plan?.visits ?? [])}
  ${rows.map((row) => routeTable(page, data, row, byId))}`;
}

function unassignedPanel(page: Page, data: BoardData, byId: ReadonlyMap<string, StoredVisit>): SafeHtml {
  const unassigned = unassignedOf(data, byId);
  return unassigned.length === 0
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
      </table>`;
}

function mapPanel(data: BoardData, byId: ReadonlyMap<string, StoredVisit>): SafeHtml {
  const rows = rowsOf(data);
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
  return routeMap(
    mapRoutes,
    unassignedOf(data, byId).map(({ visit }) => ({
      workOrderId: visit.workOrderId,
      location: visit.location,
    })),
    data.tiles,
  );
}

/** Every live part of the board, drawn from the same data the whole page is. */
export function boardPanels(page: Page, data: BoardData): Readonly<Record<BoardPart, SafeHtml>> {
  const byId = new Map((data.plan?.visits ?? []).map((visit) => [visit.id, visit]));
  return {
    summary: summaryPanel(data),
    routes: routesPanel(page, data, byId),
    unassigned: unassignedPanel(page, data, byId),
    map: mapPanel(data, byId),
  };
}

/** What a screen reader hears when the board changes under the dispatcher: one short sentence. */
export function boardAnnouncement(data: BoardData): string {
  const visits = data.plan?.visits.length ?? 0;
  const unplaced = data.plan?.plan.unplaced.length ?? 0;
  const run = data.run === undefined ? '' : ` Planning run ${runWords(data.run.status)}.`;
  return `The board changed: ${visits} visits, ${unplaced} unassigned.${run}`;
}
