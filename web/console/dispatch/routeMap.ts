import type { GeoPoint } from '../../../shared/common/geo';
import { html, type SafeHtml } from '../../html';
import { tiledView, tileSize, type TilePlace } from './mapTiles';

export interface MapRoute {
  readonly technicianId: string;
  readonly name: string;
  readonly start: GeoPoint;
  readonly end: GeoPoint;
  /** The route's stops in order. */
  readonly stops: readonly { readonly workOrderId: string; readonly location: GeoPoint }[];
}

/** Azure Maps tiles drawn under the routes, where an account is configured (`AzureMapsClientId`). */
export interface MapTiles {
  /** The account's client id, which every tile request sends as x-ms-client-id. */
  readonly clientId: string;
}

const width = 640;
/** At most this tall; a day spread east–west gets a shorter map rather than empty sea. */
const maxHeight = 420;
const minHeight = 200;
const margin = 24;

/** Colours far enough apart on white and from each other (contrast ≥ 3:1 for graphics). */
export const routeColours = ['#2b5797', '#b8420f', '#0e7a0d', '#7b2d8e', '#8a6d00', '#a3133f'] as const;

export const colourOf = (index: number): string => routeColours[index % routeColours.length]!;

/**
 * Equirectangular projection of the day's bounding box: longitude shrunk by the cosine of the middle
 * latitude, so a region-sized map keeps its shape without a tile server. Scaled to fit, centred.
 */
export function projection(points: readonly GeoPoint[]): {
  readonly height: number;
  readonly at: (point: GeoPoint) => { x: number; y: number };
} {
  const lats = points.map((p) => p.latitude);
  const lons = points.map((p) => p.longitude);
  const [minLat, maxLat] = [Math.min(...lats), Math.max(...lats)];
  const [minLon, maxLon] = [Math.min(...lons), Math.max(...lons)];
  const shrink = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * shrink, 1e-6);
  const spanY = Math.max(maxLat - minLat, 1e-6);
  const scale = Math.min((width - 2 * margin) / spanX, (maxHeight - 2 * margin) / spanY);
  const height = Math.min(maxHeight, Math.max(minHeight, Math.ceil(spanY * scale + 2 * margin)));
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    height,
    at: (point) => ({
      x: round(offsetX + (point.longitude - minLon) * shrink * scale),
      y: round(offsetY + (maxLat - point.latitude) * scale),
    }),
  };
}

/**
 * Places for the tiles the board's script fetches (with an Entra token and the client id) and
 * draws as blob: images; the page itself loads nothing from the tile host.
 */
const tileSlots = (tiles: readonly TilePlace[]): SafeHtml =>
  html`<g class="map-tiles" aria-hidden="true">
    ${tiles.map(
      (t) =>
        html`<image
          data-tile="${t.zoom}/${t.x}/${t.y}"
          x="${t.left}"
          y="${t.top}"
          width="${tileSize}"
          height="${tileSize}"
        />`,
    )}
  </g>`;

/**
 * The day's routes as SVG from their coordinates, from each technician's start through the visits
 * to the end, with unassigned visits as hollow marks; the text alternative lists the same routes.
 * With `tiles` the projection is Web Mercator at a tile zoom, so the marks sit on the Azure Maps
 * streets under them; without, a plain equirectangular drawing that needs no tile server.
 */
export function routeMap(
  routes: readonly MapRoute[],
  unassigned: readonly { readonly workOrderId: string; readonly location: GeoPoint }[],
  tiles?: MapTiles,
): SafeHtml {
  const points = [
    ...routes.flatMap((route) => [route.start, route.end, ...route.stops.map((stop) => stop.location)]),
    ...unassigned.map((visit) => visit.location),
  ];
  if (points.length === 0) return html`<p>No visits or technicians to draw for this day.</p>`;
  const tiled = tiles === undefined ? undefined : tiledView(points, width, maxHeight, minHeight, margin);
  const { at, height } = tiled ?? projection(points);
  return html`<figure
    class="board-map"
    ${tiles === undefined ? '' : html`data-map-client-id="${tiles.clientId}"`}
  >
    <svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="map-title" aria-describedby="map-text">
      <title id="map-title">Map of the day’s visits and routes</title>
      <rect x="0" y="0" width="${width}" height="${height}" fill="#f7f8fa" stroke="#d0d5dc" />
      ${tiled === undefined ? '' : tileSlots(tiled.tiles)}
      ${routes.map((route, index) => {
        const path = [route.start, ...route.stops.map((stop) => stop.location), route.end].map(at);
        const colour = colourOf(index);
        const home = at(route.start);
        return html`<g>
          <polyline
            points="${path.map((p) => `${p.x},${p.y}`).join(' ')}"
            fill="none"
            stroke="${colour}"
            stroke-width="2"
          />
          <rect x="${home.x - 5}" y="${home.y - 5}" width="10" height="10" fill="${colour}" />
          ${route.stops.map((stop, n) => {
            const p = at(stop.location);
            return html`<circle
                cx="${p.x}"
                cy="${p.y}"
                r="7"
                fill="${colour}"
                stroke="#ffffff"
                stroke-width="1.5"
              />
              <text x="${p.x}" y="${p.y + 3.5}" text-anchor="middle" font-size="9" fill="#ffffff"
                >${n + 1}</text
              >`;
          })}
        </g>`;
      })}
      ${unassigned.map((visit) => {
        const p = at(visit.location);
        return html`<circle
          cx="${p.x}"
          cy="${p.y}"
          r="6"
          fill="none"
          stroke="#a3133f"
          stroke-width="2"
          stroke-dasharray="2 2"
        />`;
      })}
    </svg>
    <figcaption id="map-text">
      <p>
        Squares are where technicians start, numbered circles their visits in order, dashed circles unassigned
        visits.${tiles === undefined ? '' : ' Map tiles: Azure Maps, © Microsoft and its data providers.'}
      </p>
      <ul class="map-legend">
        ${routes.map(
          (route, index) =>
            html`<li>
              <svg width="12" height="12" aria-hidden="true">
                <rect width="12" height="12" fill="${colourOf(index)}" />
              </svg>
              <strong>${route.name}</strong>:
              ${route.stops.length === 0 ? 'no visits' : route.stops.map((stop) => stop.workOrderId).join(' → ')}
            </li>`,
        )}
        ${
          unassigned.length === 0
            ? ''
            : html`<li>Unassigned: ${unassigned.map((visit) => visit.workOrderId).join(', ')}</li>`
        }
      </ul>
    </figcaption>
  </figure>`;
}
