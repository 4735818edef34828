import type { ServiceBusSender } from '@azure/service-bus';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@fieldline/functions-local';
import type { OutboxMessage } from '@fieldline/functions-local';
import { queueName } from '../../shared/resources';
import { pageStrings } from '../../web/customer/strings';
import { createMessage } from '../intake/support/messages';
import { technician } from '../scheduling/support';
import { eventually } from '../support/outboundQueue';
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

const strings = pageStrings.en;
/** A Windows program's first bytes ("MZ"), named and declared as a PNG. */
const program = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), Buffer.alloc(2048)]);
const twentyMegabytes = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.alloc(20 * 1024 * 1024),
]);

describe.skipIf(skipBrowser)('uploads on the appointment page', () => {
  const clock = new ManualClock(new Date('2026-11-23T09:00:00.000Z'));
  let rt: TestRuntime;
  let browser: Browser;
  let sender: ServiceBusSender;
  const outbox = () => (rt.outbox as { messages(): readonly OutboxMessage[] }).messages();

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('../../functions'),
      clock,
      settings: { UtilityContacts: testUtilityContacts },
    });
    await rt.cosmos!.container('technicians').items.create(
      technician('T-1', {
        region: 'BE-NAM',
        skills: ['smart-meter'],
        homeBase: { latitude: 50.46, longitude: 4.86 },
      }),
    );
    sender = rt.serviceBusClient().createSender(queueName('workOrdersInbound'));
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await sender?.close();
    await rt?.stop();
  });

  /** A booked appointment's page, opened from the invitation's link. */
  async function bookedPage(js: boolean, externalId: string): Promise<Page> {
    const email = `${externalId.toLowerCase()}@example.org`;
    await sender.sendMessages({
      body: createMessage({
        externalId,
        dueDate: '2026-12-20',
        customer: { name: 'An Peeters', email, language: 'en' },
      }),
      messageId: externalId,
    });
    const invitation = await eventually(async () => outbox().find((m) => m.to.includes(email)));
    const page = await (await phone(browser, 'en-GB', js)).newPage();
    await page.goto(invitation.links.find((url) => url.includes('/api/s/')) ?? '');
    await page.locator('.day-times:not([hidden]) input[type=radio]').first().check();
    await page.getByRole('button', { name: strings.book }).click();
    await page.waitForURL(/done=booked/);
    return page;
  }

  const fieldError = (page: Page) => page.locator('#file-error').textContent();

  it('with JavaScript: 20 MB is refused before a byte is sent, a program named .png after the upload', async () => {
    const page = await bookedPage(true, 'UPLOAD-JS');
    const uploads: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET') uploads.push(request.url());
    });
    await page.setInputFiles('#file', { name: 'meter.jpg', mimeType: 'image/jpeg', buffer: twentyMegabytes });
    await page.getByRole('button', { name: strings.uploadButton }).click();
    await expect(fieldError(page)).resolves.toBe(strings.uploadTooLarge);
    expect(strings.uploadTooLarge).toContain('10 MB');
    expect(uploads).toEqual([]);
    // The field keeps the chosen file, and the error is tied to it for screen readers.
    expect(
      await page
        .locator('#file')
        .evaluate((input) => (input as unknown as { files: { length: number } }).files.length),
    ).toBe(1);
    expect(await page.locator('#file').getAttribute('aria-describedby')).toContain('file-error');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'upload-js-too-large');

    await page.setInputFiles('#file', { name: 'photo.png', mimeType: 'image/png', buffer: program });
    await page.getByRole('button', { name: strings.uploadButton }).click();
    await expect.poll(() => fieldError(page), { timeout: 20_000 }).toContain(strings.uploadWrongType);
    await expect(fieldError(page)).resolves.toContain(strings.uploadWrongType);
  }, 120_000);

  it('without JavaScript: the server refuses 20 MB and a program named .png, next to the field', async () => {
    const page = await bookedPage(false, 'UPLOAD-NOJS');
    await page.setInputFiles('#file', { name: 'meter.jpg', mimeType: 'image/jpeg', buffer: twentyMegabytes });
    await page.getByRole('button', { name: strings.uploadButton }).click();
    await page.waitForURL(/error=uploadTooLarge/);
    await expect(fieldError(page)).resolves.toContain(strings.uploadTooLarge);
    expect(await page.locator('#file').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'upload-nojs-too-large');
    await backAndReloadShowAPage(page);

    await page.setInputFiles('#file', { name: 'photo.png', mimeType: 'image/png', buffer: program });
    await page.getByRole('button', { name: strings.uploadButton }).click();
    await page.waitForURL(/error=uploadWrongType/);
    await expect(fieldError(page)).resolves.toContain(strings.uploadWrongType);
    await backAndReloadShowAPage(page);

    const photo = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(512),
    ]);
    await page.setInputFiles('#file', { name: 'meter.png', mimeType: 'image/png', buffer: photo });
    await page.getByRole('button', { name: strings.uploadButton }).click();
    await page.waitForURL(/done=uploadThanks/);
    await expect(page.getByRole('status').textContent()).resolves.toContain(strings.uploadThanks);
  }, 120_000);
});
