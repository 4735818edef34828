import type { ServiceBusSender } from '@azure/service-bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ManualClock } from '../../local/clock';
import { LinkSigningKeys } from '../../shared/config/appConfig';
import { selfServicePath } from '../../shared/links/linkIssuer';
import { signLink } from '../../shared/links/linkToken';
import { queueName } from '../../shared/resources';
import { workOrderIdFor } from '../../shared/workorders/workOrderId';
import { createMessage } from '../intake/support/messages';
import { eventually, UtilityInbox } from '../support/outboundQueue';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

const now = new Date('2026-11-23T09:00:00.000Z');
const workOrderId = workOrderIdFor('ORES', 'HTTP-1');

describe('self-service endpoints over HTTP', () => {
  let rt: TestRuntime;
  let sender: ServiceBusSender;
  let inbox: UtilityInbox;
  let keys: z.infer<typeof LinkSigningKeys>;

  const link = (purpose: 'book' | 'survey', expiresAt = now.getTime() / 1000 + 86_400) =>
    `${rt.url}${selfServicePath(signLink(keys, { workOrderId, purpose, expiresAt: Math.floor(expiresAt) }))}`;

  beforeAll(async () => {
    rt = await startTestRuntime({ app: () => import('../../functions'), clock: new ManualClock(now) });
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

  it('limits requests per link', async () => {
    const target = link('book', now.getTime() / 1000 + 3_600);
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await fetch(target)).status);
    expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
