import { clockMinutes } from '../../../shared/dispatch/clockMinutes';
import type { PlannedRoute } from '../../../shared/dispatch/dayPlan';
import type { StoredVisit } from '../../../shared/dispatch/storedPlan';
import { html, type SafeHtml } from '../../html';

export interface BoardRow {
  readonly technicianId: string;
  readonly name: string;
  readonly route: PlannedRoute | undefined;
}

const labelWidth = 170;
const axisWidth = 830;
const rowHeight = 44;
const top = 28;

/** The visit's own row in the list below, where its actions are. */
export const visitAnchor = (visitId: string): string => `visit-${visitId.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** Whole hours around every planned minute, never narrower than a working day (07:00–18:00). */
function hoursOf(rows: readonly BoardRow[]): { readonly from: number; readonly to: number } {
  const minutes = rows.flatMap((row) =>
    (row.route?.stops ?? []).flatMap((stop) => [
      clockMinutes(stop.arrival) - stop.travelMinutes,
      clockMinutes(stop.end),
    ]),
  );
  const from = Math.min(7, ...minutes.map((m) => Math.floor(m / 60)));
  const to = Math.max(18, ...minutes.map((m) => Math.ceil(m / 60)));
  return { from: Math.max(0, from), to: Math.min(24, to) };
}

/**
 * Technicians as rows on one time axis, drawn on the server: each visit a block from planned start
 * to end (a link to its row, named by work order and window, numbered as the row and the map are), the drive before it a line, the wait
 * for its window a dashed line. SVG geometry is attributes, so the strict style CSP holds.
 */
export function boardTimeline(rows: readonly BoardRow[], visits: readonly StoredVisit[]): SafeHtml {
  const { from, to } = hoursOf(rows);
  const scale = axisWidth / ((to - from) * 60);
  const x = (minutes: number): number => Math.round((labelWidth + (minutes - from * 60) * scale) * 10) / 10;
  const height = top + rows.length * rowHeight + 8;
  const byId = new Map(visits.map((visit) => [visit.id, visit]));
  const hours = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return html`<svg
    class="board-timeline"
    viewBox="0 0 ${labelWidth + axisWidth + 24} ${height}"
    role="group"
    aria-labelledby="timeline-title"
  >
    <title id="timeline-title">Planned visits per technician on a time axis</title>
    ${hours.map(
      (hour) =>
        html`<line
            x1="${x(hour * 60)}"
            x2="${x(hour * 60)}"
            y1="${top - 6}"
            y2="${height - 4}"
            stroke="#e1e4e8"
            stroke-width="1"
            aria-hidden="true"
          />
          <text
            x="${x(hour * 60)}"
            y="${top - 10}"
            text-anchor="middle"
            font-size="12"
            fill="#3d4550"
            aria-hidden="true"
            >${String(hour).padStart(2, '0')}:00</text
          >`,
    )}
    ${rows.map((row, index) => {
      const y = top + index * rowHeight;
      const stops = row.route?.stops ?? [];
      return html`<g>
        <text x="4" y="${y + rowHeight / 2 + 4}" font-size="13" fill="#1b1f24">${row.name}</text>
        <line
          x1="${labelWidth}"
          x2="${labelWidth + axisWidth}"
          y1="${y + rowHeight - 2}"
          y2="${y + rowHeight - 2}"
          stroke="#d0d5dc"
          stroke-width="1"
          aria-hidden="true"
        />
        ${stops.map((stop, sequence) => {
          const visit = byId.get(stop.visitId);
          const arrival = clockMinutes(stop.arrival);
          const start = clockMinutes(stop.start);
          const end = clockMinutes(stop.end);
          const middle = y + rowHeight / 2;
          const label = `${visit?.workOrderId ?? stop.visitId}, window ${visit?.window.start ?? '?'}–${visit?.window.end ?? '?'}, planned ${stop.start}–${stop.end}${stop.pinned ? ', pinned' : ''}`;
          return html`<line
              x1="${x(arrival - stop.travelMinutes)}"
              x2="${x(arrival)}"
              y1="${middle}"
              y2="${middle}"
              stroke="#5c6470"
              stroke-width="2"
              aria-hidden="true"
            />
            ${
              start > arrival
                ? html`<line
                    x1="${x(arrival)}"
                    x2="${x(start)}"
                    y1="${middle}"
                    y2="${middle}"
                    stroke="#5c6470"
                    stroke-width="1"
                    stroke-dasharray="3 3"
                    aria-hidden="true"
                  />`
                : ''
            }
            <a href="#${visitAnchor(stop.visitId)}" aria-label="${label}">
              <title>${label}</title>
              <rect
                x="${x(start)}"
                y="${y + 8}"
                width="${Math.max(4, x(end) - x(start))}"
                height="${rowHeight - 18}"
                rx="3"
                fill="${stop.pinned ? '#14365d' : '#2b5797'}"
                stroke="#0b1d33"
                stroke-width="1"
              />
              <text x="${x(start) + 3}" y="${middle + 4}" font-size="10" fill="#ffffff">${sequence + 1}</text>
            </a>`;
        })}
      </g>`;
    })}
  </svg>`;
}
