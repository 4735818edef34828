import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePrincipal } from '../../shared/identity/principal';
import { createMessage } from '../intake/support/messages';
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
import { silentCustomerOnHold, startConsoleWorld, type ConsoleWorld } from './support/consoleWorld';

const ops = { userId: 'ops-olivia', roles: ['ops'] };

/*
 * The operations console as ops, dispatchers and technicians meet it in Chromium: signed in
 * through the sign-in page, at a desk (1280 px) and on a tablet (820 px), by keyboard, with and
 * without JavaScript. axe finds nothing serious or critical on any page; screenshots are kept.
 */
describe.skipIf(skipBrowser)('the operations console in Chromium', () => {
  let world: ConsoleWorld;
  let browser: Browser;
  let workOrderId = '';
  const phone = '+32470333444';

  beforeAll(async () => {
    world = await startConsoleWorld();
    workOrderId = await silentCustomerOnHold(world, 'CONSOLE-BROWSER', phone);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await world?.stop();
  });

  it('ops sign in, resume the on-hold journey by keyboard, and see the new invitation in its timeline', async () => {
    const context = await staffContext(browser, 'desk');
    const page = await context.newPage();
    try {
      await signInThroughPage(page, world.rt.url, '/api/console/journeys', ops);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Journeys');
      // The counts arrive with the live panel's first poll, right after the list.
      await expect.poll(() => page.getByRole('link', { name: /^1 On hold$/ }).count()).toBe(1);
      expect(await fitsWidth(page)).toBe(true);
      expect(await staffViolations(page)).toEqual([]);
      await staffShot(page, 'console-journeys-desk');

      // By keyboard: to the search box, the customer's number, Enter; then to the one row found.
      await tabTo(page, '#q');
      await page.keyboard.type(phone);
      await Promise.all([page.waitForURL(/search=[A-Za-z0-9_-]{12}/), page.keyboard.press('Enter')]);
      // Posted, not in the address: the number appears in no URL the browser went to.
      expect(page.url()).not.toContain(phone.slice(3));
      expect(page.url()).not.toContain('q=');
      const found = page.locator('tbody tr');
      expect(await found.count()).toBe(1);
      expect(await found.first().textContent()).toContain('On hold');
      await staffShot(page, 'console-journeys-search-phone');
      await tabTo(page, `tbody a[href="/api/console/journeys/${workOrderId}"]`);
      await Promise.all([
        page.waitForURL((url) => url.pathname.endsWith(workOrderId)),
        page.keyboard.press('Enter'),
      ]);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Journey ${workOrderId}`);
      // Summary and actions side by side with the timeline: the page's sections nest as written.
      expect(await page.locator('.journey-grid > div > section').count()).toBe(2);
      expect(await page.locator('.journey-grid > section[aria-labelledby="timeline-title"]').count()).toBe(1);
      const invitations = page.locator('ol.timeline li.message', { hasText: 'Invitation sent' });
      expect(await invitations.count()).toBe(3);
      expect(await page.getByText('On hold', { exact: true }).count()).toBe(1);
      expect(await fitsWidth(page)).toBe(true);
      expect(await staffViolations(page)).toEqual([]);
      await staffShot(page, 'console-journey-on-hold-desk');

      let asked = '';
      page.once('dialog', (dialog) => {
        asked = dialog.message();
        void dialog.accept();
      });
      await tabTo(page, 'form[action$="/resume"] button');
      await Promise.all([page.waitForURL(/done=resume/), page.keyboard.press('Enter')]);
      expect(asked).toContain('Resume this journey?');
      expect(await page.getByRole('status').textContent()).toContain('Resume requested');
      // The invitation may go out after the page came back: the timeline refreshes itself.
      await expect.poll(() => invitations.count(), { timeout: 15_000 }).toBe(4);
      await expect
        .poll(() => page.locator('.facts .badge').first().textContent(), { timeout: 15_000 })
        .toBe('Contacting');
      expect(await page.locator('ol.timeline li.staff', { hasText: 'by ops ops-olivia' }).count()).toBe(1);
      expect(world.texts(phone)).toHaveLength(4);
      expect(await staffViolations(page)).toEqual([]);
      await staffShot(page, 'console-journey-resumed-desk');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('works without JavaScript: the confirmation is a page of its own, and the resend goes out', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    try {
      await signInThroughPage(page, world.rt.url, `/api/console/journeys/${workOrderId}`, ops);
      const before = world.texts(phone).length;
      await page.getByRole('button', { name: 'Resend the last message' }).click();
      await page.waitForURL((url) => url.pathname.endsWith('/resend'));
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Resend the last message?');
      expect(world.texts(phone)).toHaveLength(before);
      expect(await staffViolations(page)).toEqual([]);
      await staffShot(page, 'console-confirm-resend-no-js');
      await page.getByRole('button', { name: 'Resend the last message' }).click();
      await page.waitForURL(/done=resend/);
      await expect.poll(() => world.texts(phone).length, { timeout: 15_000 }).toBe(before + 1);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('fits a tablet: the journey page and the KPIs with their charts and CSV', async () => {
    const context = await staffContext(browser, 'tablet');
    const page = await context.newPage();
    try {
      await signInThroughPage(page, world.rt.url, '/api/console/journeys', ops);
      expect(await fitsWidth(page)).toBe(true);
      expect(await staffViolations(page)).toEqual([]);
      await staffShot(page, 'console-journeys-tablet');
      await page.getByRole('link', { name: workOrderId }).click();
      await page.waitForURL((url) => url.pathname.endsWith(workOrderId));
      expect(await fitsWidth(page)).toBe(true);
      expect(await staffViolations(page)).toEqual([]);
      await staffShot(page, 'console-journey-tablet');

      await page.getByRole('link', { name: 'KPIs' }).click();
      await page.waitForURL((url) => url.pathname === '/api/console/kpis');
      await page.getByLabel('From', { exact: true }).fill('2026-11-01');
      await page.getByLabel('To', { exact: true }).fill('2026-11-30');
      await Promise.all([
        page.waitForURL(/from=2026-11-01/),
        page.getByRole('button', { name: 'Show' }).click(),
      ]);
      expect(await page.locator('svg.chart').count()).toBe(7);
      // The one journey contacted went on hold for want of an answer.
      expect(
        await page.locator('section', { hasText: 'No-contact rate' }).locator('.kpi-headline').textContent(),
      ).toBe('100.0 %');
      expect(await fitsWidth(page)).toBe(true);
      expect(await staffViolations(page)).toEqual([]);
      await staffShot(page, 'console-kpis-tablet');
      const href = (await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')) ?? '';
      const csv = await page.request.get(new URL(href, page.url()).toString());
      expect(csv.headers()['content-type']).toContain('text/csv');
      expect((await csv.text()).split('\r\n')[0]).toMatch(/^period,from,to,first_time_fix_rate,/);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('updates the list without a reload when a new journey starts', async () => {
    const context = await staffContext(browser, 'desk');
    const page = await context.newPage();
    try {
      await signInThroughPage(page, world.rt.url, '/api/console/journeys?stage=contacting', ops);
      const contacting = page.getByRole('link', { name: /Contacting$/ }).locator('.count');
      await contacting.waitFor();
      const before = Number(await contacting.textContent());
      await page.evaluate(() => {
        (globalThis as unknown as { stillThisPage: boolean }).stillThisPage = true;
      });
      await world.sender.sendMessages({
        body: createMessage({
          externalId: 'CONSOLE-LIVE',
          customer: { name: 'Live Customer', email: 'live@example.org', language: 'en' },
        }),
        messageId: 'console-live',
      });
      await expect.poll(() => contacting.textContent(), { timeout: 20_000 }).toBe(String(before + 1));
      expect(await page.getByRole('link', { name: 'WO-ORES-CONSOLE-LIVE' }).count()).toBe(1);
      expect(
        await page.evaluate(() => (globalThis as unknown as { stillThisPage?: boolean }).stillThisPage),
      ).toBe(true);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('shows the KPIs at a desk', async () => {
    const context = await staffContext(browser, 'desk');
    const page = await context.newPage();
    try {
      await signInThroughPage(page, world.rt.url, '/api/console/kpis?from=2026-11-01&to=2026-11-30', ops);
      expect(await page.locator('svg.chart').count()).toBe(7);
      expect(await fitsWidth(page)).toBe(true);
      expect(await staffViolations(page)).toEqual([]);
      await staffShot(page, 'console-kpis-desk');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('refuses a technician the ops pages with a clear 403 page', async () => {
    const context = await staffContext(browser, 'tablet');
    const page = await context.newPage();
    try {
      await signInThroughPage(page, world.rt.url, `/api/console/journeys/${workOrderId}`, {
        userId: 'T-NAM-1',
        roles: ['technician'],
      });
      const response = await page.goto(`${world.rt.url}/api/console/journeys/${workOrderId}`);
      expect(response?.status()).toBe(403);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'You do not have access to this page',
      );
      expect(await page.getByRole('alert').textContent()).toContain('ops, dispatcher, admin');
      expect(await page.getByText('Invitation sent').count()).toBe(0);
      expect((await page.goto(`${world.rt.url}/api/console/kpis`))?.status()).toBe(403);
      expect(await staffViolations(page)).toEqual([]);
      await staffShot(page, 'console-technician-refused');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('gives a forged x-ms-client-principal header no access', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      extraHTTPHeaders: {
        'x-ms-client-principal': encodePrincipal({ userId: 'mallory', roles: ['admin', 'ops'] }),
      },
    });
    const page = await context.newPage();
    try {
      await page.goto(`${world.rt.url}/api/console/journeys/${workOrderId}`);
      expect(new URL(page.url()).pathname.startsWith('/.auth/login')).toBe(true);
      expect(await page.getByText('Invitation sent').count()).toBe(0);
      const kpis = await page.request.get(
        `${world.rt.url}/api/console/kpis/export?from=2026-11-01&to=2026-11-30`,
      );
      expect(kpis.status()).toBe(401);
    } finally {
      await context.close();
    }
  }, 60_000);
});
