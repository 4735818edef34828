import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@fieldline/functions-local';
import { createBlobServiceClient } from '../../shared/adapters/clients/blob';
import { blobContainerName, queueName } from '../../shared/resources';
import { customerIdFor } from '../../shared/customers/customer';
import { workOrderIdFor } from '../../shared/workorders/workOrderId';
import { createMessage } from '../intake/support/messages';
import { eventually } from '../support/outboundQueue';
import { signedInAs, startTestRuntime, type TestRuntime } from '../support/runtime';
import {
  launchChromium,
  signInThroughPage,
  skipBrowser,
  staffContext,
  staffShot,
  staffViolations,
  tabTo,
  widths,
} from '../support/staffBrowser';
import { testUtilityContacts } from '../support/utilityContacts';

const hour = 3_600_000;
const phone = '+32470111222';
const externalId = 'ORES-AGENT-1';
const workOrderId = workOrderIdFor('ORES', externalId);
const customerId = customerIdFor(workOrderId);
const agent = { userId: 'agent-1', roles: ['agent'] } as const;

/** Presses Enter on what has focus and waits for the page it leads to. */
async function enterTo(page: Page, url: RegExp): Promise<void> {
  await Promise.all([page.waitForURL(url), page.keyboard.press('Enter')]);
}

/** Focus on the field, then type: what a person does with the keyboard alone. */
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

/** Elements reaching past the window's right edge, tables included: nothing scrolls sideways. */
const overflowing = (page: Page, width: number) =>
  page.evaluate((limit) => {
    type Box = { getBoundingClientRect(): { right: number }; tagName: string; id: string; className: string };
    const all = (
      globalThis as unknown as { document: { querySelectorAll(q: string): Iterable<Box> } }
    ).document.querySelectorAll('body *');
    return [...all]
      .filter((element) => element.getBoundingClientRect().right > limit + 1)
      .map((element) => `${element.tagName.toLowerCase()}#${element.id}.${element.className}`);
  }, width);

/*
 * The agent's story from issue 16: a customer whose work order came from the utility calls; the
 * agent finds them by phone, logs the call as a case, sends a follow-up visit from it, and sees
 * the SLA warning appear in the queue, without reloading, once virtual time passes. Every step by
 * keyboard, every page checked with axe at desk width and again on a tablet.
 */
describe.skipIf(skipBrowser)('agent workspace in Chromium', () => {
  // Monday 09:00 in Brussels: the service desk's calendar is open.
  const clock = new ManualClock(Date.parse('2026-01-05T08:00:00Z'));
  let rt: TestRuntime;
  let browser: Browser;
  let page: Page;
  let caseUrl = '';
  const axe: Record<string, string[]> = {};

  const check = async (name: string, on: Page = page) => {
    axe[name] = await staffViolations(on);
    await staffShot(on, `agent-${name}`);
  };

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('../../functions'),
      clock,
      settings: { UtilityContacts: testUtilityContacts },
    });
    const sender = rt.serviceBusClient().createSender(queueName('workOrdersInbound'));
    await sender.sendMessages({
      body: createMessage({
        externalId,
        dueDate: '2026-01-30',
        customer: { name: 'Désirée Van den Berg', phone, language: 'nl' },
      }),
      messageId: externalId,
    });
    await sender.close();
    await eventually(
      async () => (await rt.cosmos!.container('customers').item(customerId, customerId).read()).resource,
    );
    // A technician's photo already stored for the work order, as the technician API names them.
    const photos = createBlobServiceClient(rt.settings).getContainerClient(blobContainerName('photos'));
    await photos.createIfNotExists();
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(512)]);
    await photos.getBlockBlobClient(`${workOrderId}/photo-meter.jpg`).upload(jpeg, jpeg.length, {
      blobHTTPHeaders: { blobContentType: 'image/jpeg' },
    });
    browser = await launchChromium();
    page = await (await staffContext(browser, 'desk')).newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await rt?.stop();
  });

  it('signs in and opens the queue', async () => {
    await signInThroughPage(page, rt.url, '/api/agent/cases', agent);
    expect(new URL(page.url()).pathname).toBe('/api/agent/cases');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Case queue');
    await check('queue-empty');
  }, 60_000);

  it('finds the caller by the phone number they give, typed as people say it', async () => {
    await tabTo(page, 'a[href="/api/agent/customers"].button');
    await enterTo(page, /\/api\/agent\/customers$/);
    // As the caller reads it out, without the country code.
    await typeInto(page, '#q', '0470 11 12 22');
    await page.keyboard.press('Enter');
    await page.locator('#results-h').waitFor();
    // Posted, so the number is in no URL: not in history, not in the host's request telemetry.
    expect(page.url()).not.toContain('470');
    const result = page.locator('.results a');
    await expect(result.count()).resolves.toBe(1);
    await expect(result.textContent()).resolves.toContain('Désirée Van den Berg');
    await check('search');
    await tabTo(page, '.results a');
    await enterTo(page, /\/api\/agent\/customers\/CU-/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Désirée Van den Berg');
    // The photo is listed through the agent's own read route, which hands out a short-lived link.
    const photo = page.locator('a[href^="/api/agent/files/photos/"]');
    await expect(photo.count()).resolves.toBe(1);
    const link = await rt.fetch((await photo.getAttribute('href')) ?? '', {
      headers: signedInAs(agent),
      redirect: 'manual',
    });
    expect(link.status).toBe(302);
    expect(link.headers.get('location')).toMatch(/sig=.*|sv=/);
    expect(link.headers.get('location')).toContain('se=');
    await check('customer360');
    // The same caller, by the words of their name as an agent might type them.
    const { 'x-csrf-token': token = '', ...session } = signedInAs(agent);
    const byName = await rt.fetch('/api/agent/customers', {
      method: 'POST',
      headers: { ...session, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: token, q: 'desiree VAN berg' }).toString(),
    });
    expect(await byName.text()).toContain(`/api/agent/customers/${customerId}`);
  }, 60_000);

  it('logs the call as a case, about the customer’s work order', async () => {
    await typeInto(page, '#call-title', 'No power since the meter exchange');
    await tabTo(page, '#call-type');
    await page.keyboard.press('P'); // Problem
    await tabTo(page, '#call-priority');
    await page.keyboard.press('C'); // Critical
    expect(await page.locator('#call-type').inputValue()).toBe('Problem');
    expect(await page.locator('#call-priority').inputValue()).toBe('Critical');
    expect(await page.locator('#call-wo').inputValue()).toBe(workOrderId);
    await typeInto(page, '#call-note', 'Customer says the new meter shows nothing.');
    await tabTo(page, 'form[action="/api/agent/cases"] button[type=submit]');
    await enterTo(page, /\/api\/agent\/cases\/CASE-\d{6}\?done=opened/);
    caseUrl = page.url().replace(/\?.*$/, '');
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Case opened');
    // The call was the first response; the resolution clock (Critical: 4 h) runs.
    const sla = await page.locator('#sla-h + dl').textContent();
    expect(sla).toContain('Met');
    expect(sla).toContain('4 h left');
    expect(await page.locator('#wo-h ~ .table-wrap').textContent()).toContain(workOrderId);
    await check('case-opened');
  }, 60_000);

  it('creates a follow-up work order from the case, pre-filled from it and its work order', async () => {
    await tabTo(page, 'a[href$="/follow-up"]');
    await enterTo(page, /\/follow-up$/);
    expect(await page.locator('#fu-type').inputValue()).toBe('meterExchange');
    expect(await page.locator('#fu-skills').inputValue()).toBe('smart-meter');
    expect(await page.locator('#fu-due').inputValue()).toBe('2026-01-30');
    expect(await page.locator('#fu-notes').inputValue()).toContain('No power since the meter exchange');
    expect(await page.locator('#copied-h + dl').textContent()).toContain('Rue de la Station 4');
    await check('follow-up-form');
    await tabTo(page, 'form[action$="/follow-up"] button[type=submit]');
    await enterTo(page, /done=followUp/);
    const caseId = caseUrl.split('/').pop() ?? '';
    const followUpId = workOrderIdFor('ORES', `${caseId}-2`);
    expect(await page.locator('#wo-h ~ .table-wrap').textContent()).toContain(followUpId);
    const stored = await rt.cosmos!.container('workOrders').item(followUpId, followUpId).read();
    expect(stored.resource).toMatchObject({
      caseIds: [caseId],
      workType: 'meterExchange',
      customerId,
      site: { street: 'Rue de la Station 4' },
    });
    await check('case-follow-up');
  }, 60_000);

  it('shows what the configured cascade will do before the case is closed', async () => {
    await tabTo(page, 'a[href$="/close"]');
    await enterTo(page, /\/close$/);
    const cascade = await page.locator('#cascade-text').textContent();
    expect(cascade).toContain('left open, the case resolves by itself when every linked work order');
    expect(await page.locator('#effects-h ~ ul').first().textContent()).toContain(workOrderId);
    await check('close-preview');
    await tabTo(page, `a[href="${new URL(caseUrl).pathname}"]`);
    await enterTo(page, /CASE-\d{6}$/);
  }, 60_000);

  it('warns in the queue once virtual time passes, without a reload', async () => {
    await tabTo(page, 'nav a[href="/api/agent/cases"]');
    await enterTo(page, /\/api\/agent\/cases$/);
    const row = page.locator('#queue-results tbody tr');
    await expect(row.count()).resolves.toBe(1);
    expect(await row.locator('.badge.warn').count()).toBe(0);
    await page.evaluate(() => {
      (globalThis as unknown as Record<string, unknown>)['sameDocument'] = true;
    });
    // Critical: 240 business minutes to resolve, warning at 75 % = 180; 3 h 10 min later.
    await clock.advance(3 * hour + 10 * 60_000);
    await page.locator('#queue-results .badge.warn').waitFor({ timeout: 30_000 });
    expect(
      await page.evaluate(() => (globalThis as unknown as Record<string, unknown>)['sameDocument']),
    ).toBe(true);
    expect(await row.textContent()).toContain('50 min left');
    await expect(page.locator('#queue-refresh').textContent()).resolves.toContain('1 SLA warnings');
    await check('queue-warning');
  }, 60_000);

  it('filters to warnings and sorts by priority by keyboard, and the filters are a link', async () => {
    await tabTo(page, '#f-sla');
    await page.keyboard.press('W'); // Warning or breached, then Warning only
    await page.keyboard.press('W');
    expect(await page.locator('#f-sla').inputValue()).toBe('warning');
    await tabTo(page, 'form.filters button[type=submit]');
    await enterTo(page, /sla=warning/);
    await expect(page.locator('#queue-results tbody tr').count()).resolves.toBe(1);
    await tabTo(page, 'th a[href*="sort=priority"]');
    await enterTo(page, /sort=priority/);
    expect(await page.locator('th[aria-sort]').textContent()).toContain('Priority');
    const breachedOnly = await rt.fetch('/api/agent/cases?sla=breached', { headers: signedInAs(agent) });
    expect(await breachedOnly.text()).toContain('No cases match these filters.');
    await check('queue-filtered');
  }, 60_000);

  it('reads on a tablet held upright (820 px)', async () => {
    const tablet = await (
      await browser.newContext({ storageState: await page.context().storageState(), viewport: widths.tablet })
    ).newPage();
    for (const [name, path] of [
      ['tablet-queue', '/api/agent/cases'],
      ['tablet-case', new URL(caseUrl).pathname],
      ['tablet-customer360', `/api/agent/customers/${customerId}`],
    ] as const) {
      await tablet.goto(`${rt.url}${path}`);
      expect(await overflowing(tablet, widths.tablet.width), name).toEqual([]);
      await check(name, tablet);
    }
    await tablet.context().close();
  }, 60_000);

  it('shows a technician a 403 page instead of the agent screens', async () => {
    const tech = await (await staffContext(browser, 'tablet')).newPage();
    await signInThroughPage(tech, rt.url, '/api/agent/cases', { userId: 'tech-1', roles: ['technician'] });
    const response = await tech.reload();
    expect(response?.status()).toBe(403);
    await expect(tech.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'You do not have access to this page',
    );
    await check('technician-refused', tech);
    await tech.context().close();
  }, 60_000);

  it('refuses an agent the technician’s actions', async () => {
    const status = await rt.fetch(`/api/technician/work-orders/${workOrderId}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signedInAs(agent) },
      body: JSON.stringify({
        updateId: 'agent-try',
        clientTimestamp: '2026-01-05T11:00:00Z',
        status: 'enRoute',
        eta: '2026-01-05T12:00:00Z',
      }),
    });
    expect(status.status).toBe(403);
    const photo = await rt.fetch(`/api/technician/work-orders/${workOrderId}/photo-uploads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signedInAs(agent) },
      body: JSON.stringify({ contentType: 'image/jpeg' }),
    });
    expect(photo.status).toBe(403);
  });

  it('has no serious or critical axe findings on any page', () => {
    expect(Object.keys(axe).length).toBeGreaterThanOrEqual(10);
    expect(axe).toEqual(Object.fromEntries(Object.keys(axe).map((name) => [name, []])));
  });
});
