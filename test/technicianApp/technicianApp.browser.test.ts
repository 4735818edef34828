import { BlobServiceClient } from '@azure/storage-blob';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobContainerName } from '../../shared/resources';
import { workTypeChecklists } from '../../shared/fieldwork/checklists';
import { InflightWorld, siteIn, type Order } from '../inflight/support/inflightWorld';
import { eventually } from '../support/outboundQueue';
import { signedInAs } from '../support/runtime';
import {
  launchChromium,
  signInThroughPage,
  skipBrowser,
  staffContext,
  staffShot,
  staffViolations,
  tabTo,
} from '../support/staffBrowser';
import { gradientPng } from './support/png';

const region = 'BE-TAP';
/** The phone does its work in IndexedDB and on canvases; on a shared machine that takes a moment. */
const wait = { timeout: 10_000 };
const technicianId = 'T-APP';

/*
 * A technician's day on a phone whose network comes and goes: the app opens from its cache, every
 * tap is kept on the phone, and when the network is back the utility hears of the visit once.
 */
describe.skipIf(skipBrowser)('technician app on a phone, offline and back', () => {
  const world = new InflightWorld();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let visit: Order;
  let cancelled: Order;
  let unsafe: Order;

  const stateOf = async (workOrderId: string) =>
    ((await world.workOrder(workOrderId))['state'] as { status: string; technicianId?: string }).status;

  beforeAll(async () => {
    await world.start([InflightWorld.technician(technicianId, region)]);
    visit = (await world.booked('TA-VISIT', { site: siteIn(region) })).order;
    cancelled = (await world.booked('TA-CANCELLED', { site: siteIn(region) })).order;
    unsafe = (await world.booked('TA-UNSAFE', { site: siteIn(region) })).order;
    for (const order of [visit, cancelled, unsafe])
      await eventually(async () => ((await stateOf(order.workOrderId)) === 'Dispatched' ? true : undefined));
    // 09:00 in Brussels on the day of the visits (after quiet hours): the day endpoint's "today" is the app's (virtual) today.
    const { resources } = await world.rt
      .cosmos!.container('appointments')
      .items.query({
        query: "SELECT * FROM c WHERE c.technicianId = @id AND c.status = 'booked' ORDER BY c.windowStart",
        parameters: [{ name: '@id', value: technicianId }],
      })
      .fetchAll();
    const first = resources[0] as { windowStart: string };
    const morning = `${first.windowStart.slice(0, 10)}T08:00:00.000Z`;
    if (Date.parse(morning) > world.clock.now()) await world.clock.advanceTo(new Date(morning));
    browser = await launchChromium();
    context = await staffContext(browser, 'phone');
    page = await context.newPage();
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await world.stop();
  });

  /**
   * axe on the report forms as the phone draws them: the shared checker opens the page afresh,
   * where the server's state (not the phone's queue) decides the view, so here the views draw an
   * on-site visit into the real page (real style sheets) in a context that lets axe's script run.
   */
  const reportFormViolations = async (workOrderId: string): Promise<string[]> => {
    const axeContext = await browser.newContext({
      storageState: await context.storageState(),
      bypassCSP: true,
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    try {
      const axePage = await axeContext.newPage();
      await axePage.goto(`${world.rt.url}/api/tech/#/work-orders/${encodeURIComponent(workOrderId)}`);
      await axePage.locator('#enroute-form').waitFor();
      const onSite = { ...(await world.workOrder(workOrderId)), state: { status: 'OnSite', technicianId } };
      await axePage.evaluate(
        (model) => {
          const root = globalThis as unknown as {
            fieldlineTechViews: { workOrderView(model: unknown): string };
            document: { getElementById(id: string): { innerHTML: string } };
          };
          root.document.getElementById('app').innerHTML = root.fieldlineTechViews.workOrderView(model);
        },
        {
          workOrder: onSite,
          queue: [],
          checklists: workTypeChecklists,
          additions: { details: [], uploads: [] },
        },
      );
      await axePage.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
      return await axePage.evaluate(async () => {
        const axe = (
          globalThis as unknown as {
            axe: {
              run(
                context: unknown,
                options: unknown,
              ): Promise<{ violations: { id: string; impact: string }[] }>;
            };
            document: unknown;
          }
        ).axe;
        const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
          runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'],
        });
        return result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => v.id);
      });
    } finally {
      await axeContext.close();
    }
  };

  const stop = (order: Order) =>
    page.locator(`a[href="#/work-orders/${encodeURIComponent(order.workOrderId)}"]`);

  it('opens the day: visits in order with windows, address and navigation links; installable', async () => {
    await signInThroughPage(page, world.rt.url, '/api/tech/', {
      userId: technicianId,
      roles: ['technician'],
    });
    await expect.poll(() => stop(visit).count(), { timeout: 20_000 }).toBe(1);
    expect(await stop(cancelled).count()).toBe(1);
    expect(await page.locator('.stop .facts').first().textContent()).toMatch(/Window\d\d:\d\d–\d\d:\d\d/);
    expect(await page.locator('.stop a[href^="geo:50.4669,4.8675"]').count()).toBe(2);
    expect(await page.locator('.stop a[href^="https://www.google.com/maps/dir/"]').count()).toBe(2);
    // The service worker took the page over, so the next opening needs no network.
    const controlled = () =>
      page.evaluate(async () => {
        const workers = (
          globalThis as unknown as {
            navigator: { serviceWorker: { ready: Promise<unknown>; controller: unknown } };
          }
        ).navigator.serviceWorker;
        await workers.ready;
        return workers.controller !== null;
      });
    await expect.poll(controlled, wait).toBe(true);
    const manifest = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(manifest).toMatch(/^\/api\/tech\/assets\/manifest\./);
    expect(await staffViolations(page)).toEqual([]);
    await staffShot(page, 'technician-day');
    expect(await reportFormViolations(visit.workOrderId)).toEqual([]);
  }, 60_000);

  it('goes offline, still opens, and keeps en route, on site and a completed report with photo and checklist', async () => {
    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => stop(visit).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('.sync.offline').textContent()).toContain('Offline');
    expect(await page.locator('p.day').textContent()).toContain('saved copy');
    await staffShot(page, 'technician-day-offline');

    // By keyboard: open the visit, say "on my way", then "arrived".
    await tabTo(page, `a[href="#/work-orders/${encodeURIComponent(visit.workOrderId)}"]`);
    await page.keyboard.press('Enter');
    await page.locator('#enroute-form').waitFor();
    expect(await page.locator('h1').textContent()).toContain('Meter exchange');
    await tabTo(page, '#enroute-form button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.locator('#on-site').waitFor();
    expect(await page.locator('.badge.waiting').count()).toBeGreaterThan(0);
    await tabTo(page, '#on-site');
    await page.keyboard.press('Enter');
    await page.locator('#complete-form').waitFor();

    // A case from the field, raised while the report is half filled in: the report keeps its input.
    await page.getByLabel('Old meter final reading (kWh)').fill('48213.5');
    await page.getByText('Raise a case from the field').click();
    await page.getByLabel('What is the problem?').fill('Meter cabinet door broken');
    await page.getByLabel('Details').fill('Hinge snapped, door held with tape');
    await page.getByRole('button', { name: 'Raise case' }).click();
    await expect.poll(() => page.locator('#case-status').textContent(), wait).toContain('raised');
    await expect.poll(() => page.locator('.sync').textContent(), wait).toContain('3 updates waiting to send');
    expect(await page.getByLabel('Old meter final reading (kWh)').inputValue()).toBe('48213.5');

    for (const item of workTypeChecklists.meterExchange.items) await page.getByLabel(item).check();
    await page.getByLabel('New meter start reading (kWh)').fill('0');
    await page.getByLabel('Notes for the utility').fill('Seal 7781 fitted');
    await page.getByLabel('Add a photo').setInputFiles({
      name: 'camera.png',
      mimeType: 'image/png',
      buffer: gradientPng(2400, 1800),
    });
    await page.locator('ul.photos img').waitFor();
    // A photo taken is kept on the phone before any report: a reload brings it back.
    await page.reload();
    await page.locator('ul.photos img').waitFor();
    for (const item of workTypeChecklists.meterExchange.items) await page.getByLabel(item).check();
    await page.getByLabel('Old meter final reading (kWh)').fill('48213.5');
    await page.getByLabel('New meter start reading (kWh)').fill('0');
    await page.getByLabel('Notes for the utility').fill('Seal 7781 fitted');
    const pad = await page.locator('#signature').boundingBox();
    if (pad === null) throw new Error('no signature pad');
    await page.mouse.move(pad.x + 20, pad.y + pad.height / 2);
    await page.mouse.down();
    await page.mouse.move(pad.x + pad.width / 2, pad.y + 10, { steps: 5 });
    await page.mouse.move(pad.x + pad.width - 20, pad.y + pad.height - 10, { steps: 5 });
    await page.mouse.up();
    await staffShot(page, 'technician-report-offline');

    // Completing is confirmed first; going back changes nothing.
    await page.getByRole('button', { name: 'Complete visit' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('1 photo(s)');
    await staffShot(page, 'technician-confirm');
    await dialog.getByRole('button', { name: 'Go back' }).click();
    expect(await page.locator('#complete-form').count()).toBe(1);
    await page.getByRole('button', { name: 'Complete visit' }).click();
    await tabTo(page, '#confirm-ok', 5);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.sync').textContent(), wait).toContain('4 updates waiting to send');

    // Nothing left the phone yet; a reload offline keeps every update.
    expect(await stateOf(visit.workOrderId)).toBe('Dispatched');
    await page.reload();
    await expect.poll(() => page.locator('.sync').textContent(), wait).toContain('4 updates waiting to send');
    await staffShot(page, 'technician-completed-offline');
  }, 60_000);

  it('a visit cancelled while offline: the update is kept and the conflict shown plainly', async () => {
    await page.goto(`${world.rt.url}/api/tech/#/work-orders/${encodeURIComponent(cancelled.workOrderId)}`);
    await page.getByRole('button', { name: 'On my way' }).click();
    await expect.poll(() => page.locator('.sync').textContent(), wait).toContain('5 updates waiting to send');
    await world.cancel(cancelled);
    await world.answer(cancelled, 'cancelled');
  }, 60_000);

  it('back online: the queue is sent in order, the utility hears "completed" once with the photo', async () => {
    await context.setOffline(false);
    const completed = await world.answer(visit, 'completed');
    const report = completed['report'] as {
      photos: { reference: string }[];
      checklist: { item: string; done: boolean }[];
      measurements: { name: string; value: number }[];
      notes?: string;
    };
    expect(report.photos).toHaveLength(1);
    expect(report.photos[0]?.reference).toMatch(
      new RegExp(`^${visit.workOrderId}/photo-[0-9a-f-]{36}\\.jpg$`),
    );
    expect(report.checklist.every((entry) => entry.done)).toBe(true);
    expect(report.measurements).toContainEqual({
      name: 'Old meter final reading',
      value: 48213.5,
      unit: 'kWh',
    });
    expect(report.notes).toBe('Seal 7781 fitted');

    // The case raised offline reached the service desk, linked to the work order.
    const cases = await eventually(async () => {
      const listed = await world.rt.fetch(`/api/cases?workOrderId=${visit.workOrderId}`, {
        headers: signedInAs({ userId: 'agent-1', roles: ['agent'] }),
      });
      const body = (await listed.json()) as { cases?: { title: string; origin: string }[] };
      return body.cases !== undefined && body.cases.length > 0 ? body.cases : undefined;
    });
    expect(cases).toMatchObject([{ title: 'Meter cabinet door broken', origin: 'Field' }]);

    // The photo went up resized and re-encoded by the phone: a JPEG, not the camera's PNG.
    const service = BlobServiceClient.fromConnectionString(world.rt.settings['StorageConnection'] ?? '');
    const photo = await service
      .getContainerClient(blobContainerName('photos'))
      .getBlobClient(report.photos[0]?.reference ?? '')
      .downloadToBuffer();
    expect([...photo.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(photo.length).toBeLessThan(gradientPng(2400, 1800).length);
    const signatures = [];
    for await (const blob of service
      .getContainerClient(blobContainerName('photos'))
      .listBlobsFlat({ prefix: `${visit.workOrderId}/signature-` }))
      signatures.push(blob.name);
    expect(signatures).toHaveLength(1);

    // The cancelled visit's update is refused, kept, and said plainly.
    await expect
      .poll(() => page.locator('.conflicts').textContent(), { timeout: 20_000 })
      .toContain('cancelled while you were offline');
    expect(await page.locator('#wo-status').textContent()).toContain('Cancelled');
    await staffShot(page, 'technician-conflict');

    // Later replays and timers add nothing: exactly one completion reached the utility.
    await page.reload();
    await page.goto(`${world.rt.url}/api/tech/#/work-orders/${encodeURIComponent(visit.workOrderId)}`);
    await expect.poll(() => page.locator('h1').textContent(), wait).toContain('Meter exchange');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(world.answers(visit).filter((answer) => answer['kind'] === 'completed')).toHaveLength(1);
    expect(await page.locator('.sync').textContent()).not.toContain('waiting to send');
    expect(await page.locator('#wo-status').textContent()).toMatch(/Completed|Closed/);
    expect(await page.locator('#app').textContent()).toContain('Nothing more to report for this visit.');
    expect(await page.getByRole('button', { name: 'On my way' }).count()).toBe(0);
    expect(await staffViolations(page)).toEqual([]);
    await staffShot(page, 'technician-visit-done');
  }, 90_000);

  it('a visit that cannot be finished: a reason is required, the end is confirmed, the utility told why', async () => {
    await page.goto(`${world.rt.url}/api/tech/#/work-orders/${encodeURIComponent(unsafe.workOrderId)}`);
    await page.getByRole('button', { name: 'On my way' }).click();
    await page.getByRole('button', { name: 'Arrived on site' }).click();
    await page.locator('#incomplete-form').waitFor();
    await page.getByRole('button', { name: 'End visit as not finished' }).click();
    expect(await page.locator('#incomplete-problems').textContent()).toContain('Choose why');
    await page.getByLabel('Unsafe to work').check();
    await page.getByLabel('What happened').fill('Gas smell in the cellar');
    await page.getByRole('button', { name: 'End visit as not finished' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    expect(await page.locator('#incomplete-form').count()).toBe(1);
    await page.getByRole('button', { name: 'End visit as not finished' }).click();
    await dialog.getByRole('button', { name: 'End visit' }).click();
    expect(await world.answer(unsafe, 'incomplete')).toMatchObject({
      reason: 'other',
      note: 'Unsafe to work: Gas smell in the cellar',
    });
    await expect.poll(() => page.locator('#wo-status').textContent(), wait).toMatch(/Not finished|Closed/);
    await staffShot(page, 'technician-incomplete');
  }, 60_000);
});
