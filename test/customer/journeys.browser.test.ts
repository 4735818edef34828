import type { ServiceBusSender } from '@azure/service-bus';
import ICAL from 'ical.js';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@fieldline/functions-local';
import type { OutboxMessage } from '@fieldline/functions-local';
import type { Language } from '../../shared/common/contact';
import { LinkSigningKeys } from '../../shared/config/appConfig';
import { verifyLinkSignature } from '../../shared/links/linkToken';
import { queueName } from '../../shared/resources';
import { workOrderIdFor } from '../../shared/workorders/workOrderId';
import { pageStrings } from '../../web/customer/strings';
import { createMessage } from '../intake/support/messages';
import { technician } from '../scheduling/support';
import { eventually, UtilityInbox } from '../support/outboundQueue';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { testUtilityContacts } from '../support/utilityContacts';
import {
  backAndReloadShowAPage,
  chromiumPath,
  phone,
  seriousViolations,
  shot,
  skipBrowser,
} from './support/browser';

/*
 * A customer's whole story on a phone, per language, with and without JavaScript: book, move the
 * appointment, cancel it and book again, then decline the work with the confirmation's cancel link
 * (the invitation's link cannot decline). After every form Back and reload
 * show a page, axe finds nothing serious, and the stores agree with what the page said.
 */
const flows: readonly { language: Language; locale: string; js: boolean }[] = [
  { language: 'nl', locale: 'nl-BE', js: false },
  { language: 'fr', locale: 'fr-BE', js: true },
  { language: 'en', locale: 'en-GB', js: false },
  { language: 'en', locale: 'en-GB', js: true },
];

describe.skipIf(skipBrowser)('the customer pages in Chromium on a phone', () => {
  const clock = new ManualClock(new Date('2026-11-23T09:00:00.000Z'));
  // Virtual time stands still; a minute passes between steps so the per-link rate limit (30 a minute) is not the test.
  const aMinuteLater = () => clock.advanceTo(new Date(clock.now() + 61_000));
  let rt: TestRuntime;
  let browser: Browser;
  let sender: ServiceBusSender;
  let inbox: UtilityInbox;
  const outbox = () => (rt.outbox as { messages(): readonly OutboxMessage[] }).messages();
  const booking = async (workOrderId: string) =>
    (await rt.cosmos!.container('workOrders').item(`BK-${workOrderId}`, `BK-${workOrderId}`).read())
      .resource as { status: string; slotId: string; windowStart: string } | undefined;
  const workOrderState = async (workOrderId: string) =>
    (
      (await rt.cosmos!.container('workOrders').item(workOrderId, workOrderId).read()).resource as {
        state: { status: string };
      }
    ).state.status;

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('../../functions'),
      clock,
      settings: { UtilityContacts: testUtilityContacts },
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
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await inbox?.close();
    await sender?.close();
    await rt?.stop();
  });

  const pickInVisibleDay = async (page: Page, index: number) => {
    const radio = page.locator('.day-times:not([hidden]) input[type=radio]').nth(index);
    await radio.check();
    return radio.getAttribute('value');
  };

  for (const flow of flows) {
    const name = `${flow.language}-${flow.js ? 'js' : 'nojs'}`;
    it(`${name}: books, moves, cancels and books again, then declines the work`, async () => {
      const strings = pageStrings[flow.language];
      const externalId = `BROWSER-${name}`;
      const workOrderId = workOrderIdFor('ORES', externalId);
      const email = `${name}@example.org`;
      await sender.sendMessages({
        body: createMessage({
          externalId,
          dueDate: '2026-12-20',
          customer: { name: 'Els Jacobs', email, language: flow.language },
        }),
        messageId: externalId,
      });
      const invitation = await eventually(async () => outbox().find((m) => m.to.includes(email)));
      const link = invitation.links.find((url) => url.includes('/api/s/')) ?? '';
      const scheduled = () =>
        inbox.received.filter((m) => m.body.externalId === externalId && m.body.kind === 'scheduled');

      const context = await phone(browser, flow.locale, flow.js);
      const page = await context.newPage();
      await page.goto(link);
      expect(await page.locator('html').getAttribute('lang')).toBe(flow.language);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(strings.title);
      expect(await seriousViolations(page)).toEqual([]);
      // The picker fits a phone's screen: days in a row, one day's times.
      const picker = await page.locator('form[data-slot-picker]').boundingBox();
      expect(picker?.height).toBeLessThan(844);
      await shot(page, `${name}-1-slots`);

      // Every time's accessible name carries its day; choosing another day shows that day's times.
      const secondDay = page.locator('.days a').nth(1);
      const dayName = (await secondDay.locator('.vh').textContent()) ?? '';
      await secondDay.click();
      await expect(page.locator('.days a[aria-current]').getAttribute('data-day')).resolves.toBe(
        await secondDay.getAttribute('data-day'),
      );
      expect(await page.getByRole('radio', { name: new RegExp(`^${dayName}`) }).count()).toBeGreaterThan(0);
      const firstChoice = await pickInVisibleDay(page, 0);
      await page.getByRole('button', { name: strings.book }).click();
      await page.waitForURL(/done=booked/);
      await expect(page.getByRole('status').textContent()).resolves.toContain(strings.booked);
      expect((await booking(workOrderId))?.slotId).toBe(firstChoice);
      // The confirmation: address, time zone, duration, what to prepare, whom to call, a calendar file.
      const details =
        (await page.locator('section[aria-labelledby=appointment-heading]').textContent()) ?? '';
      for (const expected of [strings.address, strings.duration, strings.whatToPrepare, strings.timeZoneNote])
        expect(details).toContain(expected);
      expect(await page.locator('a[href="tel:+3278353637"]').count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, `${name}-2-booked`);
      await backAndReloadShowAPage(page);

      const icsHref =
        (await page.getByRole('link', { name: strings.addToCalendar }).getAttribute('href')) ?? '';
      const ics = await page.request.get(new URL(icsHref, page.url()).href);
      expect(ics.headers()['content-type']).toContain('text/calendar');
      const event = new ICAL.Event(
        new ICAL.Component(ICAL.parse(await ics.text())).getFirstSubcomponent('vevent')!,
      );
      expect(event.startDate.toJSDate().toISOString()).toBe((await booking(workOrderId))?.windowStart);
      // The confirmation email carries the same appointment as an attachment, with the full address.
      const attached = await eventually(async () =>
        outbox()
          .find((m) => m.to.includes(email) && m.attachments?.some((file) => file.name === 'appointment.ics'))
          ?.attachments?.find((file) => file.name === 'appointment.ics'),
      );
      const emailed = new ICAL.Event(
        new ICAL.Component(ICAL.parse(attached.content)).getFirstSubcomponent('vevent')!,
      );
      expect(emailed.startDate.toJSDate().toISOString()).toBe((await booking(workOrderId))?.windowStart);
      expect(emailed.location).toContain('5000 Namur');
      expect(emailed.uid).toBe(event.uid);

      await aMinuteLater();
      // Move it.
      await page.getByRole('link', { name: strings.change }).click();
      const moved = await pickInVisibleDay(page, 0);
      await page.getByRole('button', { name: strings.moveHere }).click();
      await page.waitForURL(/done=rescheduled/);
      await expect(page.getByRole('status').textContent()).resolves.toContain(strings.rescheduled);
      expect((await booking(workOrderId))?.slotId).toBe(moved);
      await backAndReloadShowAPage(page);
      await eventually(async () => (scheduled().length === 2 ? true : undefined));

      await aMinuteLater();
      // Cancel the appointment only: back to choosing, the work still stands.
      await page.getByRole('link', { name: strings.cancel }).click();
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, `${name}-3-cancel`);
      await page.getByRole('button', { name: strings.cancelConfirm }).click();
      await page.waitForURL(/done=appointmentCancelled/);
      await expect(page.getByRole('status').textContent()).resolves.toContain(strings.appointmentCancelled);
      expect(await page.getByRole('button', { name: strings.book }).count()).toBe(1);
      expect((await booking(workOrderId))?.status).toBe('cancelled');
      await eventually(async () =>
        (await workOrderState(workOrderId)) === 'AwaitingCustomer' ? true : undefined,
      );
      await backAndReloadShowAPage(page);

      await aMinuteLater();
      // And book again.
      await pickInVisibleDay(page, 0);
      await page.getByRole('button', { name: strings.book }).click();
      await page.waitForURL(/done=booked/);
      expect((await booking(workOrderId))?.status).toBe('booked');
      await eventually(async () => (scheduled().length === 3 ? true : undefined));
      expect(scheduled().at(-1)?.body).toMatchObject({ rescheduled: false });

      await aMinuteLater();
      // The invitation's link books but cannot decline the work; the confirmation's cancel link can.
      expect(await page.getByRole('link', { name: strings.decline }).count()).toBe(0);
      const keys = LinkSigningKeys.parse(JSON.parse(rt.settings['LinkSigningKeys'] ?? '[]'));
      const purposeOf = (url: string) => {
        const claims = verifyLinkSignature(keys, new URL(url).pathname.split('/').at(-1) ?? '');
        return claims.ok ? claims.value.purpose : undefined;
      };
      const cancelLink = await eventually(async () =>
        outbox()
          .filter((m) => m.to.includes(email))
          .flatMap((m) => m.links)
          .findLast((url) => purposeOf(url) === 'cancel'),
      );
      await page.goto(`${cancelLink}?lang=${flow.language}`);
      // Decline the work: its own page, an optional reason, and the utility hears it.
      await page.getByRole('link', { name: strings.decline }).click();
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, `${name}-4-decline`);
      await page.getByLabel(strings.declineReason).fill('We are moving house');
      await page.getByRole('button', { name: strings.declineConfirm }).click();
      await page.waitForURL(/\/declined/);
      await expect(page.locator('main').textContent()).resolves.toContain(strings.declined);
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, `${name}-5-declined`);
      await backAndReloadShowAPage(page);
      const cancelled = await eventually(async () =>
        inbox.received.find((m) => m.body.externalId === externalId && m.body.kind === 'cancelled'),
      );
      expect(cancelled.body).toMatchObject({ cancelledBy: 'customer', reason: 'We are moving house' });
      // Declining ends the work: the booking closes for good, so no racing booking can revive it.
      expect((await booking(workOrderId))?.status).toBe('closed');
      await eventually(async () => ((await workOrderState(workOrderId)) === 'Cancelled' ? true : undefined));
      await aMinuteLater();
      // Declining revoked every link sent before: the invitation's now says to use a newer one.
      await page.goto(link);
      await expect(page.locator('main').textContent()).resolves.toContain(strings.invalidLink);
      await context.close();
    }, 240_000);
  }
});
