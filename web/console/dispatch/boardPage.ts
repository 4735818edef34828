import type { BoardRefusal } from '../../../shared/dispatch/boardChanges';
import { html } from '../../html';
import { csrfField, staffLayout } from '../../staff/staffLayout';
import { consoleAssets } from '../assets';
import { liveAnnouncer, livePanel, refreshLink } from '../livePanel';
import {
  boardLiveUrl,
  boardPath,
  boardUrl,
  type BoardData,
  type BoardNotice,
  type BoardViewer,
} from './boardData';
import { boardTileScript } from './boardAssets';
import { boardPanels } from './boardPanels';

export { boardUrl, type BoardData } from './boardData';

export const refusalWords: Readonly<Record<BoardRefusal, string>> = {
  unknownVisit: 'That visit is no longer in the day’s plan.',
  unknownTechnician: 'That technician does not work in this region on this day.',
  sameTechnician: 'The visit is already with that technician.',
  inProgress: 'The technician has already set out for or started this visit, so it stays where it is.',
  notRouted: 'Only a visit in a route can be pinned.',
  infeasible:
    'The move was refused: the visit does not fit in that technician’s day (skills, window, shift or the other visits). Nothing was changed.',
};

const noticeWords: Readonly<Record<Exclude<BoardNotice, 'replanning'>, string>> = {
  moved: 'The visit was moved and pinned to its new technician; the booking follows it.',
  pinned: 'The visit is pinned: re-planning keeps it with its technician and in its place.',
  unpinned: 'The pin is off: the next re-plan may move the visit.',
};

/**
 * The dispatch board of one region-day: the routes as rows on a time axis, the unassigned visits
 * with their reason in words, the map, and the forms that re-plan, move and pin. The summary, the
 * routes, the unassigned visits and the map are live panels: they follow bookings, re-plans and
 * other dispatchers' moves without a reload, and say so once through the announcer.
 */
export function boardPage(page: BoardViewer, data: BoardData): string {
  const panels = boardPanels(page, data);
  const live = boardLiveUrl(data.region, data.day, data.run?.instanceId);
  const panel = (part: keyof typeof panels) => livePanel(live, part, panels[part], { etag: data.liveTag });
  // "Re-planning started" is the live summary's: it goes when the run's own status says it finished.
  const notice = data.notice === 'replanning' ? undefined : data.notice;
  return staffLayout(
    {
      title: `Dispatch board ${data.region} ${data.day}`,
      area: 'dispatch',
      identity: page.identity,
      csrfToken: page.csrfToken,
      assets: data.tiles === undefined ? consoleAssets : [...consoleAssets, boardTileScript],
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
      ${liveAnnouncer()}
      <section aria-labelledby="plan-heading">
        <h2 id="plan-heading">${data.region} on ${data.day}</h2>
        ${panel('summary')}
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
        ${refreshLink(boardUrl(data.region, data.day, data.run === undefined ? {} : { run: data.run.instanceId }))}
      </section>
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Routes</h2>
        ${panel('routes')}
      </section>
      <section aria-labelledby="unassigned-heading">
        <h2 id="unassigned-heading">Unassigned visits</h2>
        ${panel('unassigned')}
      </section>
      <section aria-labelledby="map-heading">
        <h2 id="map-heading">Map</h2>
        ${panel('map')}
      </section>`,
  );
}
