import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTileHost } from '../../functions/dispatch/mapTiles';
import { staffHtml } from '../../functions/staff/staffResponses';
import { consoleAssets } from '../../web/console/assets';
import { boardAssets, mapsTokenPath } from '../../web/console/dispatch/boardAssets';
import { boardPage } from '../../web/console/dispatch/boardPage';
import { sharedStaffAssets } from '../../web/staff/sharedAssets';
import { technician } from '../dispatch/dayFixtures';
import {
  launchChromium,
  skipBrowser,
  staffContext,
  staffShot,
  staffViolations,
} from '../support/staffBrowser';

/** A 1×1 PNG: what the stand-in tile host answers. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const tiles = { clientId: 'c0ffee00-0000-4000-8000-000000000001' };
const assets = [...consoleAssets, ...boardAssets, ...Object.values(sharedStaffAssets)];

/*
 * The board's map with Azure Maps configured, in Chromium under the page's real CSP: the tile
 * script gets a token from the app, fetches each tile from the tile host with the bearer token and
 * x-ms-client-id, and draws it as a blob: image. The page is the real board view and headers served
 * by a small stand-in server; the token endpoint and the tile host are stand-ins too (the page's CSP
 * is checked by the browser before a request reaches them, so a host it does not name is refused).
 */
describe.skipIf(skipBrowser)('the board map over Azure Maps tiles in Chromium', () => {
  let server: Server;
  let base = '';
  let browser: Browser;

  beforeAll(async () => {
    const page = boardPage(
      { identity: { userId: 'dispatcher-tiles', roles: ['dispatcher'] } as never, csrfToken: 'x'.repeat(43) },
      {
        region: 'BE-BRW',
        day: '2026-11-25',
        regions: ['BE-BRW'],
        technicians: [technician('T-A')],
        names: { 'T-A': 'Technician A' },
        plan: undefined,
        tiles,
      },
    );
    server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0];
      const asset = assets.find((a) => a.path === path);
      if (asset !== undefined) {
        response.writeHead(200, { 'content-type': asset.contentType });
        return void response.end(asset.body);
      }
      if (path === mapsTokenPath) {
        response.writeHead(200, { 'content-type': 'application/json' });
        return void response.end(
          JSON.stringify({
            accessToken: 'token-1',
            expiresOn: new Date(Date.now() + 3600_000).toISOString(),
          }),
        );
      }
      const html = withTileHost(staffHtml(page), tiles);
      response.writeHead(200, html.headers as Record<string, string>);
      response.end(String(html.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('fetches each tile from the tile host with the token and client id, and draws it as a blob: image', async () => {
    const context = await staffContext(browser, 'tablet');
    const page = await context.newPage();
    const asked: { url: string; authorization?: string; clientId?: string }[] = [];
    const refused: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) refused.push(message.text());
    });
    await context.route('https://atlas.microsoft.com/**', async (route) => {
      const headers = route.request().headers();
      asked.push({
        url: route.request().url(),
        authorization: headers['authorization'],
        clientId: headers['x-ms-client-id'],
      });
      await route.fulfill({
        status: 200,
        contentType: 'image/png',
        headers: { 'access-control-allow-origin': '*' },
        body: png,
      });
    });
    try {
      await page.goto(`${base}/api/console/dispatch`);
      const slots = await page.locator('image[data-tile]').count();
      expect(slots).toBeGreaterThan(0);
      await page.waitForFunction(
        () =>
          (
            globalThis as unknown as {
              document: { querySelectorAll(q: string): { length: number } };
            }
          ).document.querySelectorAll('image[data-tile][href^="blob:"]').length > 0,
        undefined,
        { timeout: 20_000 },
      );
      expect(asked.length).toBe(slots);
      for (const request of asked) {
        expect(request.url).toMatch(
          /^https:\/\/atlas\.microsoft\.com\/map\/tile\?api-version=2024-04-01&tilesetId=microsoft\.base\.road&tileSize=256&zoom=\d+&x=\d+&y=\d+$/,
        );
        expect(request.authorization).toBe('Bearer token-1');
        expect(request.clientId).toBe(tiles.clientId);
      }
      expect(refused).toEqual([]);
      expect(await staffViolations(page)).toEqual([]);
      await staffShot(page, 'dispatch-board-tiles');
    } finally {
      await context.close();
    }
  }, 60_000);
});
