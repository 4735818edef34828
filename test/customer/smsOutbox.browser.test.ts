import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@fieldline/functions-local';
import type { OutboxMessage } from '@fieldline/functions-local';
import { queueName } from '../../shared/resources';
import { createMessage } from '../intake/support/messages';
import { technician } from '../scheduling/support';
import { eventually, UtilityInbox } from '../support/outboundQueue';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { chromiumPath, shot, skipBrowser } from './support/browser';

/*
 * A customer with only a phone, on the local runtime as `npm start` sets it up (no SMS setting
 * given: the outbox supplies the number). The invitation arrives by SMS, the reply box under it
 * answers "2", the second offered slot is booked and confirmed by SMS, and the utility hears it.
 * Monday 23 November 2026, 10:00 in Brussels.
 */
describe.skipIf(skipBrowser)('an SMS-only customer through the local outbox', () => {
  let rt: TestRuntime;
  let browser: Browser;
  let inbox: UtilityInbox;
  const texts = (phone: string) =>
    (rt.outbox as { messages(): readonly OutboxMessage[] })
      .messages()
      .filter((m) => m.channel === 'sms' && m.to.includes(phone));

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('../../functions'),
      clock: new ManualClock(new Date('2026-11-23T09:00:00.000Z')),
    });
    await rt.cosmos!.container('technicians').items.create(
      technician('T-NAM-1', {
        region: 'BE-NAM',
        skills: ['smart-meter'],
        homeBase: { latitude: 50.46, longitude: 4.86 },
      }),
    );
    inbox = new UtilityInbox(rt.serviceBusClient());
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await inbox?.close();
    await rt?.stop();
  });

  it('invites by SMS, books the second offered slot from the reply box, and confirms by SMS', async () => {
    expect(rt.settings['AcsSmsFrom']).toMatch(/^\+\d+$/);
    const phone = '+32470111222';
    const sender = rt.serviceBusClient().createSender(queueName('workOrdersInbound'));
    await sender.sendMessages({
      body: createMessage({
        externalId: 'SMS-ONLY-1',
        dueDate: '2026-12-20',
        customer: { name: 'Wouter Maes', phone, language: 'nl' },
      }),
      messageId: 'sms-only-1',
    });
    await sender.close();
    const [invitation] = await eventually(async () => (texts(phone).length ? texts(phone) : undefined));
    expect(invitation?.text).toMatch(/\b1\b.*\b2\b/s);

    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${rt.url}/dev/outbox`);
    const message = page.locator(`article[data-id="${invitation?.id}"]`);
    await message.getByLabel(/Reply as/).fill('2');
    await message.getByRole('button', { name: 'Send reply' }).click();
    await page.waitForURL(/reply=delivered/);
    await shot(page, 'sms-outbox-replied');
    // Reload after the reply shows the page again and sends nothing twice (post/redirect/get).
    expect((await page.reload())?.request().method()).toBe('GET');

    const scheduled = await eventually(async () =>
      inbox.received.find((m) => m.body.externalId === 'SMS-ONLY-1' && m.body.kind === 'scheduled'),
    );
    // The second slot the invitation offered: Thursday 26 November, 08:00–12:00 in Brussels.
    expect(scheduled.body).toMatchObject({ windowStart: '2026-11-26T07:00:00.000Z', rescheduled: false });
    const confirmation = await eventually(async () =>
      texts(phone).find(
        (m) => m !== invitation && /08:00/.test(m.text ?? '') && /afspraak/i.test(m.text ?? ''),
      ),
    );
    expect(confirmation.channel).toBe('sms');
    await page.close();
  }, 120_000);
});
