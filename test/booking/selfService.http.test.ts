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

const now = new Date('2026-11-23T09:00:00.000Z');
const workOrderId = workOrderIdFor('ORES', 'HTTP-1');

describe('self-service endpoints over HTTP', () => {
  let rt: TestRuntime;
  let sender: ServiceBusSender;
  let inbox: UtilityInbox;
  let keys: z.infer<typeof LinkSigningKeys>;
  const clock = new ManualClock(now);

  const link = (purpose: 'book' | 'survey', expiresAt = clock.now() / 1000 + 86_400) =>
    `${rt.url}${selfServicePath(signLink(keys, { workOrderId, purpose, expiresAt: Math.floor(expiresAt) }))}`;

  beforeAll(async () => {
    rt = await startTestRuntime({ app: () => import('../../functions'), clock });
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

  it('lists the first five days of free times, and all of them on request', async () => {
    const days = (html: string) => html.match(/class="day"/g)?.length ?? 0;
    const first = await (await fetch(`${link('book')}?lang=en`)).text();
    expect(days(first)).toBe(5);
    expect(first).toContain('Show more times');
    const all = await (await fetch(`${link('book')}?lang=en&more=1`)).text();
    expect(days(all)).toBeGreaterThan(5);
    expect(all).not.toContain('Show more times');
  });

  it('answers an expired link with a page saying how to get a new one', async () => {
    const response = await fetch(`${link('book', now.getTime() / 1000 - 1)}?lang=en`);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain('Reply RESCHEDULE');
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
      body: new Uint8Array([137, 80, 78, 71]),
    });
    expect(put.status).toBe(201);
    const done = await fetch(`${link('book')}/upload-complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ blobName }),
    });
    expect(done.status).toBe(200);

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
    const slotId = /name="slotId" value="([^"]+)"/.exec(page)?.[1] ?? '';
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
  });

  it('limits requests per link', async () => {
    const target = link('book', clock.now() / 1000 + 3_600);
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await fetch(target)).status);
    expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
