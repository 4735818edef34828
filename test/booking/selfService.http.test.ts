import type { ServiceBusSender } from '@azure/service-bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ManualClock } from '@fieldline/functions-local';
import { LinkSigningKeys } from '../../shared/config/appConfig';
import { selfServicePath } from '../../shared/links/linkIssuer';
import { signLink } from '../../shared/links/linkToken';
import { queueName } from '../../shared/resources';
import { workOrderIdFor } from '../../shared/workorders/workOrderId';
import { createMessage } from '../intake/support/messages';
import { technician } from '../scheduling/support';
import { eventually, UtilityInbox } from '../support/outboundQueue';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { testUtilityContacts } from '../support/utilityContacts';

const now = new Date('2026-11-23T09:00:00.000Z');
const workOrderId = workOrderIdFor('ORES', 'HTTP-1');

describe('self-service endpoints over HTTP', () => {
  let rt: TestRuntime;
  let sender: ServiceBusSender;
  let inbox: UtilityInbox;
  let keys: z.infer<typeof LinkSigningKeys>;
  const clock = new ManualClock(now);

  const link = (purpose: 'book' | 'cancel' | 'survey', expiresAt = clock.now() / 1000 + 86_400) =>
    `${rt.url}${selfServicePath(
      signLink(keys, { workOrderId, purpose, expiresAt: Math.floor(expiresAt), issuedAt: clock.now() }),
    )}`;

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('../../functions'),
      clock,
      settings: { UtilityContacts: testUtilityContacts },
    });
    await rt.cosmos!.container('technicians').items.create(
      technician('T-NAM-1', {
        region: 'BE-NAM',
        skills: ['smart-meter'],
        homeBase: { latitude: 50.46, longitude: 4.86 },
      }),
    );
    keys = LinkSigningKeys.parse(JSON.parse(rt.settings['LinkSigningKeys'] ?? '[]'));
    sender = rt.serviceBusClient().createSender(queueName('workOrdersInbound'));
    inbox = new UtilityInbox(rt.serviceBusClient());
    await sender.sendMessages({
      body: createMessage({ externalId: 'HTTP-1', dueDate: '2026-12-20' }),
      messageId: 'http-1',
    });
    await eventually(async () => (inbox.answersTo('http-1').length ? true : undefined));
  }, 60_000);

  afterAll(async () => {
    await inbox?.close();
    await sender?.close();
    await rt?.stop();
  });

  it('lists five days to choose from, the times of one day, and every day on request', async () => {
    const dayLinks = (html: string) =>
      [...html.matchAll(/<a\s+href="[^"]*day=(\d{4}-\d{2}-\d{2})/g)].map((m) => m[1]);
    const first = await (await fetch(`${link('book')}?lang=en`)).text();
    expect(dayLinks(first)).toHaveLength(5);
    expect(first).toContain('Show more days');
    // Only the chosen day's times are shown; the others are in the page but hidden until chosen.
    expect(first.match(/class="day-times"[^>]*hidden/g)).toHaveLength(4);
    const third = dayLinks(first)[2];
    const chosen = await (await fetch(`${link('book')}?lang=en&day=${third}`)).text();
    expect(chosen).toMatch(new RegExp(`data-day="${third}"\\s+aria-current="date"`));
    const all = await (await fetch(`${link('book')}?lang=en&more=1`)).text();
    expect(dayLinks(all).length).toBeGreaterThan(5);
    expect(all).not.toContain('Show more days');
  });

  it('keeps the chosen time when more days are asked for', async () => {
    const first = await (await fetch(`${link('book')}?lang=en`)).text();
    const slotIds = [...first.matchAll(/name="slotId"\s+value="([^"]+)"/g)].map((m) => m[1] ?? '');
    const picked = slotIds.at(-1) ?? '';
    const more = await (
      await fetch(`${link('book')}?lang=en&slotId=${encodeURIComponent(picked)}&more=1`)
    ).text();
    expect(more).toMatch(new RegExp(`value="${picked}"\\s+required\\s+checked`));
  });

  it('answers an expired link with the utility to call and a way to get a new link', async () => {
    const expired = `${link('book', now.getTime() / 1000 - 1)}`;
    const response = await fetch(`${expired}?lang=en`);
    expect(response.status).toBe(410);
    const page = await response.text();
    expect(page).toContain('Send me a new link');
    expect(page).toContain('ORES');
    expect(page).toContain('href="tel:+3278353637"');
    const asked = await fetch(`${expired}/new-link`, {
      method: 'POST',
      body: new URLSearchParams({ lang: 'en' }),
      redirect: 'manual',
    });
    expect(asked.status).toBe(303);
    expect(asked.headers.get('location')).toContain('/new-link?sent=1');
    const again = await fetch(`${expired}/new-link`, {
      method: 'POST',
      body: new URLSearchParams({ lang: 'en' }),
      redirect: 'manual',
    });
    expect(again.headers.get('location')).toContain('/new-link?wait=1');
    const sentPage = await (await fetch(`${rt.url}${asked.headers.get('location')}`)).text();
    expect(sentPage).toContain('We have sent a new link');
    // A forged link learns nothing and sends nothing.
    const forged = await fetch(`${expired.slice(0, -2)}xx/new-link`, { method: 'POST', redirect: 'manual' });
    expect(forged.status).toBe(403);
  });

  it('serves pages compressed, with a strict CSP and the assets they name', async () => {
    const response = await fetch(`${link('book')}?lang=en`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.headers.get('content-encoding')).toBe('br');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const page = await response.text();
    expect(page).not.toMatch(/<script>|<style>|\sstyle=/);
    const assets = [...page.matchAll(/(?:href|src)="(\/api\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets).toHaveLength(3);
    for (const asset of assets) {
      const served = await fetch(`${rt.url}${asset}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(served.status).toBe(200);
      expect(served.headers.get('cache-control')).toContain('immutable');
    }
    const gzip = await fetch(`${rt.url}${assets.find((a) => a.endsWith('.css'))}`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect((await fetch(`${rt.url}/api/assets/other.css`)).status).toBe(404);
  });

  it('refuses a link made for another purpose', async () => {
    const response = await fetch(`${link('survey')}/book`, {
      method: 'POST',
      body: new URLSearchParams({ slotId: 'SL~BE-NAM~2026-11-26~0800-1200' }),
    });
    expect(response.status).toBe(403);
  });

  it('answers a bad form with 400 and books nothing', async () => {
    const response = await fetch(`${link('book')}/book`, {
      method: 'POST',
      body: new URLSearchParams({ lang: 'en' }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Please check the form');
    const { resource } = await rt
      .cosmos!.container('workOrders')
      .item(`BK-${workOrderId}`, `BK-${workOrderId}`)
      .read();
    expect(resource).toBeUndefined();
  });

  it('checks uploads: declared type and size with field paths, then the stored blob itself', async () => {
    const bad = await fetch(`${link('book')}/upload-url`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        fileName: 'x.exe',
        contentType: 'application/x-msdownload',
        size: 20 * 1024 * 1024,
      }),
    });
    expect(bad.status).toBe(400);
    const errors = ((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(errors).toEqual(expect.arrayContaining(['contentType', 'size']));

    const ticket = await fetch(`${link('book')}/upload-url`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fileName: 'meter.png', contentType: 'image/png', size: 4 }),
    });
    expect(ticket.status).toBe(200);
    const { uploadUrl, blobName } = (await ticket.json()) as { uploadUrl: string; blobName: string };
    expect(blobName.startsWith(`${workOrderId}/`)).toBe(true);
    expect(blobName).not.toContain('meter');
    const put = await fetch(uploadUrl, {
      method: 'PUT',
      headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': 'image/png' },
      body: new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13]),
    });
    expect(put.status).toBe(201);
    const done = await fetch(`${link('book')}/upload-complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ blobName }),
    });
    expect(done.status).toBe(200);

    // A program renamed .png and declared image/png is refused by its first bytes, and deleted.
    const disguised = (await (
      await fetch(`${link('book')}/upload-url`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ fileName: 'photo.png', contentType: 'image/png', size: 64 }),
      })
    ).json()) as { uploadUrl: string; blobName: string };
    await fetch(disguised.uploadUrl, {
      method: 'PUT',
      headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': 'image/png' },
      body: new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, ...new Array<number>(56).fill(0)]),
    });
    const refused = await fetch(`${link('book')}/upload-complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ blobName: disguised.blobName }),
    });
    expect(refused.status).toBe(400);
    const putBack = await fetch(disguised.uploadUrl.replace(/\?.*/, ''), { method: 'HEAD' });
    expect(putBack.status).not.toBe(200);

    const foreign = await fetch(`${link('book')}/upload-complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ blobName: 'WO-OTHER-1/abc.png' }),
    });
    expect(foreign.status).toBe(400);
  });

  it('keeps extra details beside the work order and tells the journey, which records them', async () => {
    const response = await fetch(`${link('book')}/details`, {
      method: 'POST',
      body: new URLSearchParams({ details: 'Gate code 4711, the dog is friendly', lang: 'en' }),
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toContain('done=detailsThanks');
    const query = (type: string) =>
      rt
        .cosmos!.container('timeline')
        .items.query({
          query: 'SELECT * FROM c WHERE c.subjectId = @id AND (c.docType = @type OR c.type = @type)',
          parameters: [
            { name: '@id', value: workOrderId },
            { name: '@type', value: type },
          ],
        })
        .fetchAll();
    const { resources: details } = await query('customerDetails');
    expect(details.map((d: { text: string }) => d.text)).toEqual(['Gate code 4711, the dog is friendly']);
    // The photo uploaded in the test before was recorded the same way.
    const recorded = await eventually(async () => {
      const { resources } = await query('journey.detailsSubmitted');
      return resources.length === 2 ? resources : undefined;
    });
    expect(recorded.map((event: { data: { kind: string } }) => event.data.kind).sort()).toEqual([
      'details',
      'photo',
    ]);
    expect(recorded).toContainEqual(
      expect.objectContaining({ data: { kind: 'details', reference: details[0].id } }),
    );
    expect(JSON.stringify(recorded)).not.toContain('Gate code');
  });

  it('after the visit window has passed, the same link offers new times instead of the old appointment', async () => {
    const page = await (await fetch(link('book'))).text();
    const slotId = /name="slotId"\s+value="([^"]+)"/.exec(page)?.[1] ?? '';
    const booked = await fetch(`${link('book')}/book`, {
      method: 'POST',
      body: new URLSearchParams({ slotId }),
      redirect: 'manual',
    });
    expect(booked.status).toBe(303);
    expect(await (await fetch(link('book'))).text()).not.toContain('name="slotId"');

    const { resource: current } = await rt
      .cosmos!.container('workOrders')
      .item(`BK-${workOrderId}`, `BK-${workOrderId}`)
      .read();
    await clock.advanceTo(new Date(Date.parse(current.windowEnd) + 3_600_000));
    const later = link('book', Date.parse(current.windowEnd) / 1000 + 86_400);
    const after = await (await fetch(later)).text();
    expect(after).toContain('name="slotId"');
    expect(after).not.toContain(`value="${slotId}"`);
  }, 90_000);

  it('refuses an oversized upload without JavaScript by a bounded read, even with no Content-Length', async () => {
    // The upload form belongs to a booked appointment.
    const page = await (await fetch(link('book'))).text();
    const slotId = /name="slotId"\s+value="([^"]+)"/.exec(page)?.[1] ?? '';
    await fetch(`${link('book')}/book`, {
      method: 'POST',
      body: new URLSearchParams({ slotId }),
      redirect: 'manual',
    });
    const boundary = 'fieldline-test-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`,
    );
    let sent = 0;
    const total = 20 * 1024 * 1024;
    const chunk = new Uint8Array(256 * 1024);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(head);
      },
      pull(controller) {
        if (sent >= total) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${link('book')}/upload?lang=en`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half',
      redirect: 'manual',
    } as RequestInit);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toContain('error=uploadTooLarge');
    const refused = await (await fetch(`${rt.url}${response.headers.get('location')}`)).text();
    expect(refused).toContain('larger than 10 MB');
    expect(refused).toMatch(/id="file-error"[\s\S]*id="file"/);
  });

  it('limits requests per link', async () => {
    // A fresh window: the tests before used up part of this address's budget for the minute.
    await clock.advanceTo(new Date(clock.now() + 60_000));
    const target = link('book', clock.now() / 1000 + 3_600);
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await fetch(target)).status);
    expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
