import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InflightWorld } from '../inflight/support/inflightWorld';
import {
  launchChromium,
  signInThroughPage,
  skipBrowser,
  staffContext,
  staffShot,
  staffViolations,
  fitsWidth,
  tabTo,
} from '../support/staffBrowser';
import { boardDay, startBoardWorld } from './support/boardWorld';

const region = 'BE-BRW';
const dispatcher = { userId: 'dispatcher-2', roles: ['dispatcher'] };

/*
 * The board as a dispatcher meets it in Chromium at a desk (1280 px), JS on: a visit moved to the
 * other technician through its form (the browser asks first), then the day re-planned. axe finds
 * nothing serious or critical; screenshots are kept.
 */
describe.skipIf(skipBrowser)('the dispatch board in Chromium', () => {
  let world: InflightWorld;
  let browser: Browser;
  let technicianIds: string[] = [];
  let booked: string[] = [];

  beforeAll(async () => {
    ({ world, technicianIds, booked } = await startBoardWorld(region));
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await world?.stop();
  });

  it('a dispatcher moves a visit to another technician and re-plans the day', async () => {
    const context = await staffContext(browser, 'desk');
    const page = await context.newPage();
    const asked: string[] = [];
    page.on('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    try {
      await signInThroughPage(
        page,
        world.rt.url,
        `/api/console/dispatch?region=${region}&day=${boardDay}`,
        dispatcher,
      );
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Dispatch board');
      expect(await fitsWidth(page)).toBe(true);
      expect(await staffViolations(page)).toEqual([]);
      await staffShot(page, 'dispatch-board-desk');

      // The block on the time axis is reachable by keyboard and leads to the visit's row.
      const workOrderId = booked[0]!;
      const block = `a[aria-label^="${workOrderId}, window"]`;
      await tabTo(page, block, 80);
      await page.keyboard.press('Enter');
      await page.waitForURL(/#visit-/);

      const row = page.locator('tr', { hasText: workOrderId }).first();
      const select = row.locator('select[name="technicianId"]');
      const options = await select.locator('option').evaluateAll((nodes) =>
        nodes.map((node) => {
          const option = node as unknown as { value: string; textContent: string };
          return { value: option.value, label: option.textContent };
        }),
      );
      // Only the other smart-meter technician: the gas technician is the refused move's story.
      const target = options.find((option) => technicianIds.includes(option.value))!;
      await select.selectOption(target.value);
      await Promise.all([page.waitForURL(/done=moved/), row.getByRole('button', { name: 'Move' }).click()]);
      expect(asked.at(-1)).toContain(`Move ${workOrderId}`);
      expect(await page.getByRole('status').first().textContent()).toContain('moved and pinned');
      const movedRow = page.locator('section', { has: page.locator('h3', { hasText: target.label }) });
      expect(await movedRow.locator('tr', { hasText: workOrderId }).count()).toBe(1);

      await Promise.all([
        page.waitForURL(/run=/),
        page.getByRole('button', { name: 'Re-plan the day' }).click(),
      ]);
      expect(asked.at(-1)).toContain(`Re-plan ${region}`);
      for (let attempt = 0; attempt < 60; attempt++) {
        if ((await page.locator('#run-status').textContent())?.includes('finished')) break;
        await page.waitForTimeout(500);
        await page.reload();
      }
      expect(await page.locator('#run-status').textContent()).toContain('finished');
      expect(await page.getByText(/Last optimised/).count()).toBe(1);
      expect(await staffViolations(page)).toEqual([]);
      await staffShot(page, 'dispatch-board-replanned');
    } finally {
      await context.close();
    }
  }, 180_000);
});
