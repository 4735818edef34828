import { describe, expect, it } from 'vitest';
import { mapTilesFrom, withTileHost } from '../../functions/dispatch/mapTiles';
import { staffHtml } from '../../functions/staff/staffResponses';
import { tiledView, tileSize, worldPixel } from '../../web/console/dispatch/mapTiles';
import { routeMap, type MapRoute } from '../../web/console/dispatch/routeMap';

const namur = { latitude: 50.4674, longitude: 4.8718 };
const liege = { latitude: 50.6326, longitude: 5.5797 };
const route: MapRoute = {
  technicianId: 'T-A',
  name: 'Technician A',
  start: namur,
  end: namur,
  stops: [{ workOrderId: 'WO-1', location: liege }],
};

/*
 * Azure Maps tiles on the board's map, where an account is configured: the Web Mercator tile grid
 * as Azure Maps documents it ("Zoom levels and tile grid"), the marks on the same pixels as the
 * tiles, and a CSP that opens exactly the tile host. Without an account, the plain SVG map.
 */
describe('the board map over Azure Maps tiles', () => {
  it('puts a point where the tile grid does: the world is 256 × 2^zoom pixels, Greenwich and the equator at its centre', () => {
    expect(worldPixel({ latitude: 0, longitude: 0 }, 0)).toEqual({ x: 128, y: 128 });
    expect(worldPixel({ latitude: 0, longitude: -180 }, 3)).toEqual({ x: 0, y: 1024 });
    // Brussels at zoom 10: x = 184.35 / 360 × 1024 = 524.4; y = (1 − ln(tan(45° + φ/2)) / π) / 2 × 1024 = 343.5.
    const brussels = worldPixel({ latitude: 50.8503, longitude: 4.3517 }, 10);
    expect([Math.floor(brussels.x / tileSize), Math.floor(brussels.y / tileSize)]).toEqual([524, 343]);
  });

  it('zooms as deep as the day fits, and covers the whole view with tiles placed on the same pixels as the marks', () => {
    const view = tiledView([namur, liege], 640, 420, 200, 24);
    const a = view.at(namur);
    const b = view.at(liege);
    for (const p of [a, b]) {
      expect(p.x).toBeGreaterThanOrEqual(24);
      expect(p.x).toBeLessThanOrEqual(640 - 24);
    }
    // One zoom deeper the 50 km between them would not fit in 640 px.
    const deeper = [worldPixel(namur, view.zoom + 1), worldPixel(liege, view.zoom + 1)];
    expect(Math.abs(deeper[1]!.x - deeper[0]!.x)).toBeGreaterThan(640 - 48);
    const covered = (x: number, y: number) =>
      view.tiles.some((t) => t.left <= x && x < t.left + tileSize && t.top <= y && y < t.top + tileSize);
    for (const [x, y] of [
      [0, 0],
      [639, 0],
      [0, view.height - 1],
      [639, view.height - 1],
    ] as const)
      expect(covered(x, y)).toBe(true);
    // The mark for Liège lies inside the tile that holds Liège's world pixel.
    const own = worldPixel(liege, view.zoom);
    const tile = view.tiles.find(
      (t) => t.x === Math.floor(own.x / tileSize) && t.y === Math.floor(own.y / tileSize),
    )!;
    expect(b.x - tile.left).toBeCloseTo(own.x - tile.x * tileSize, 0);
    expect(b.y - tile.top).toBeCloseTo(own.y - tile.y * tileSize, 0);
  });

  it('draws tile places and the attribution only with an account; the plain map is the default', () => {
    const plain = routeMap([route], []).value;
    expect(plain).not.toContain('<image');
    expect(plain).not.toContain('data-map-client-id');
    const tiled = routeMap([route], [], { clientId: 'b1a7e0c2-0000-4000-8000-000000000001' }).value;
    expect(tiled).toContain('data-map-client-id="b1a7e0c2-0000-4000-8000-000000000001"');
    expect(tiled).toMatch(/<image\s+data-tile="\d+\/\d+\/\d+"/);
    // No tile address in the page: the script fetches them with a token, so nothing loads without it.
    expect(tiled).not.toContain('atlas.microsoft.com');
    expect(tiled).toContain('Map tiles: Azure Maps');
  });

  it('opens exactly the tile host in connect-src, and only where an account is configured', () => {
    expect(mapTilesFrom({})).toBeUndefined();
    expect(mapTilesFrom({ AzureMapsClientId: '  ' })).toBeUndefined();
    const tiles = mapTilesFrom({ AzureMapsClientId: 'client-1' });
    expect(tiles).toEqual({ clientId: 'client-1' });
    const page = staffHtml('<p>board</p>');
    const before = (page.headers as Record<string, string>)['content-security-policy']!;
    const after = (withTileHost(page, tiles).headers as Record<string, string>)['content-security-policy']!;
    expect(after).toBe(
      before.replace("connect-src 'self';", "connect-src 'self' https://atlas.microsoft.com;"),
    );
    expect(after).toContain("img-src 'self' data: blob:");
    expect(withTileHost(page, undefined)).toBe(page);
  });
});
