import type { GeoPoint } from '../../../shared/common/geo';

/** Azure Maps tiles are 256 px squares on the Web Mercator grid (Azure Maps "Zoom levels and tile grid"). */
export const tileSize = 256;
/** Street level is plenty for a region-day; deeper zooms only cost tiles. */
const maxZoom = 16;
/** Web Mercator stops at ±85.05112878° (where the square world ends). */
const maxLatitude = 85.05112878;

export interface TilePlace {
  readonly zoom: number;
  readonly x: number;
  readonly y: number;
  /** Where the tile's top-left corner lands in the map's own coordinates. */
  readonly left: number;
  readonly top: number;
}

export interface TiledView {
  readonly zoom: number;
  readonly height: number;
  readonly at: (point: GeoPoint) => { x: number; y: number };
  readonly tiles: readonly TilePlace[];
}

/** A point's pixel on the whole world at `zoom` (the tile grid's own formula). */
export function worldPixel(point: GeoPoint, zoom: number): { x: number; y: number } {
  const size = tileSize * 2 ** zoom;
  const latitude = Math.max(-maxLatitude, Math.min(maxLatitude, point.latitude));
  const sin = Math.sin((latitude * Math.PI) / 180);
  return {
    x: ((point.longitude + 180) / 360) * size,
    y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size,
  };
}

/**
 * The map over tiles: the deepest zoom at which every point fits inside the margins, the view
 * centred on them, each point at its Web Mercator pixel (so markers sit on the streets they are
 * on), and the tiles that cover the view, placed in the same coordinates.
 */
export function tiledView(
  points: readonly GeoPoint[],
  width: number,
  maxHeight: number,
  minHeight: number,
  margin: number,
): TiledView {
  const span = (zoom: number) => {
    const pixels = points.map((p) => worldPixel(p, zoom));
    const xs = pixels.map((p) => p.x);
    const ys = pixels.map((p) => p.y);
    return { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) };
  };
  let zoom = maxZoom;
  for (; zoom > 0; zoom -= 1) {
    const s = span(zoom);
    if (s.maxX - s.minX <= width - 2 * margin && s.maxY - s.minY <= maxHeight - 2 * margin) break;
  }
  const s = span(zoom);
  const height = Math.min(maxHeight, Math.max(minHeight, Math.ceil(s.maxY - s.minY + 2 * margin)));
  const originX = (s.minX + s.maxX) / 2 - width / 2;
  const originY = (s.minY + s.maxY) / 2 - height / 2;
  const round = (n: number) => Math.round(n * 10) / 10;
  const last = 2 ** zoom - 1;
  const tiles: TilePlace[] = [];
  const firstY = Math.max(0, Math.floor(originY / tileSize));
  const lastY = Math.min(last, Math.floor((originY + height) / tileSize));
  for (let y = firstY; y <= lastY; y += 1)
    for (
      let column = Math.floor(originX / tileSize);
      column <= Math.floor((originX + width) / tileSize);
      column += 1
    )
      tiles.push({
        zoom,
        // The world wraps east–west; the tile grid does not.
        x: ((column % (last + 1)) + last + 1) % (last + 1),
        y,
        left: round(column * tileSize - originX),
        top: round(y * tileSize - originY),
      });
  return {
    zoom,
    height,
    at: (point) => {
      const p = worldPixel(point, zoom);
      return { x: round(p.x - originX), y: round(p.y - originY) };
    },
    tiles,
  };
}

/** The one host tiles come from; the board's CSP names exactly this origin when tiles are on. */
export const azureMapsOrigin = 'https://atlas.microsoft.com';
