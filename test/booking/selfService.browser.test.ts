import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceBusSender } from '@azure/service-bus';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@fieldline/functions-local';
import type { OutboxMessage } from '@fieldline/functions-local';
import { queueName } from '../../shared/resources';
import { createMessage } from '../intake/support/messages';
import { technician } from '../scheduling/support';
import { eventually, UtilityInbox } from '../support/outboundQueue';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
const artifacts = join(__dirname, '..', '..', 'test-results');

/** The appointment's window as the page shows it, e.g. "woensdag 25 november, 12:00–16:00". */
const windowShown = async (page: Page): Promise<string | undefined> =>
  (await page.getByRole('heading', { level: 2 }).allTextContents()).find((text) => /\d{2}:\d{2}/.test(text));

/** axe-core's serious and critical findings on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } }
    ).axe;
    return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

// CI installs Debian's Chromium (.ci/run); a machine without it skips rather than fails.
describe.skipIf(chromiumPath === undefined)('self-service page in Chromium', () => {
  let rt: TestRuntime;
  let browser: Browser;
  let sender: ServiceBusSender;
  let inbox: UtilityInbox;
  const outbox = () => (rt.outbox as { messages(): readonly OutboxMessage[] }).messages();

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('../../functions'),
      clock: new ManualClock(new Date('2026-11-23T09:00:00.000Z')),
    });
    for (const id of ['T-1', 'T-2']) {
      await rt.cosmos!.container('technicians').items.create(
        technician(id, {
          region: 'BE-NAM',
          skills: ['smart-meter'],
          homeBase: { latitude: 50.46, longitude: 4.86 },
        }),
      );
    }
    sender = rt.serviceBusClient().createSender(queueName('workOrdersInbound'));
    inbox = new UtilityInbox(rt.serviceBusClient());
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
    mkdirSync(artifacts, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await inbox?.close();
    await sender?.close();
    await rt?.stop();
  });

  it('opens the link from the outbox, books, sees the confirmation, reschedules — accessibly, on a phone', async () => {
    const email = 'browser@example.org';
    await sender.sendMessages({
      body: createMessage({
        externalId: 'BROWSER-1',
        dueDate: '2026-12-20',
        customer: { name: 'Els Jacobs', email, language: 'nl' },
      }),
      messageId: 'browser-1',
    });
    const invitation = await eventually(async () => outbox().find((m) => m.to.includes(email)));
    const link = invitation.links.find((url) => url.includes('/api/s/'));
    expect(link).toBeDefined();

    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'nl-BE',
    });
    const page = await context.newPage();
    await page.goto(link!);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Uw afspraak');
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    expect(await seriousViolations(page)).toEqual([]);

    await page.screenshot({ path: join(artifacts, 'booking-slots-phone.png') });
    const slots = page.getByRole('radio');
    expect(await slots.count()).toBeGreaterThan(3);
    await slots.first().check();
    await page.getByRole('button', { name: 'Dit moment boeken' }).click();
    await page.waitForURL(/done=booked/);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Uw afspraak is geboekt');
    await page.screenshot({ path: join(artifacts, 'booking-confirmed-phone.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // The journey confirms by email what the page said.
    const confirmation = await eventually(async () =>
      outbox().find((m) => m.to.includes(email) && m.subject === 'Uw afspraak is bevestigd'),
    );
    const firstWindow = await windowShown(page);
    expect(firstWindow).toBeDefined();
    expect(confirmation.text).toContain(firstWindow);

    await page.getByRole('link', { name: 'Een ander moment kiezen' }).click();
    await page.getByRole('radio').nth(1).check();
    await page.getByRole('button', { name: 'Naar dit moment verplaatsen' }).click();
    await page.waitForURL(/done=rescheduled/);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Uw afspraak is verplaatst');
    const movedTo = await windowShown(page);
    expect(movedTo).not.toBe(firstWindow);
    await eventually(async () =>
      inbox.received.filter((m) => m.body.externalId === 'BROWSER-1' && m.body.kind === 'scheduled')
        .length === 2
        ? true
        : undefined,
    );
    await page.screenshot({ path: join(artifacts, 'booking-rescheduled-phone.png'), fullPage: true });

    // An old link keeps working: it opens the current appointment.
    await page.goto(link!);
    expect(await windowShown(page)).toBe(movedTo);

    // Cancelling asks first.
    await page.getByRole('link', { name: 'Afspraak annuleren' }).click();
    await expect(page.getByText('Wilt u deze afspraak echt annuleren?').count()).resolves.toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);

  it('answers a tampered link with a 403 page and no details', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${rt.url}/api/s/v1.k.eyJ3b3JrT3JkZXJJZCI6IldPLTEifQ.forged`);
    expect(response?.status()).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(
      /not valid|niet geldig|pas valide/,
    );
    await page.close();
  }, 60_000);
});
