import type { ServiceBusSender } from '@azure/service-bus';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ManualClock } from '@fieldline/functions-local';
import { cosmosStore, createCosmosClient } from '../../shared/adapters/clients';
import { cosmosIntakeStore } from '../../shared/adapters/cosmos/intakeStore';
import { LinkSigningKeys } from '../../shared/config/appConfig';
import { customerIdFor } from '../../shared/customers/customer';
import type { LinkPurpose } from '../../shared/journey/purposes';
import { selfServicePath } from '../../shared/links/linkIssuer';
import { signLink } from '../../shared/links/linkToken';
import { queueName } from '../../shared/resources';
import { workOrderIdFor } from '../../shared/workorders/workOrderId';
import { createMessage } from '../intake/support/messages';
import { technician } from '../scheduling/support';
import { eventually, UtilityInbox } from '../support/outboundQueue';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

/*
 * Findings 2, 3, 4, 6 and 10 against the whole app on the local runtime: bodies refused before
 * they are read, rate limits that a spoofed X-Forwarded-For or a decorated signature do not
 * escape and that every instance shares, link purposes and revocation, no token in the logs,
 * HSTS and a CSP without inline script.
 */
const start = new Date('2026-11-23T09:00:00.000Z');
const externalId = 'SEC-1';
const workOrderId = workOrderIdFor('ORES', externalId);

describe('the customer pages under attack', () => {
  const clock = new ManualClock(start);
  const logs: string[] = [];
  let rt: TestRuntime;
  let second: TestRuntime;
  let sender: ServiceBusSender;
  let inbox: UtilityInbox;
  let keys: z.infer<typeof LinkSigningKeys>;
  const nextMinute = () => clock.advanceTo(new Date(clock.now() + 60_000));
  const token = (purpose: LinkPurpose, issuedAt = clock.now()) =>
    signLink(keys, { workOrderId, purpose, expiresAt: Math.floor(clock.now() / 1000) + 86_400, issuedAt });
  const url = (purpose: LinkPurpose, suffix = '') => `${rt.url}${selfServicePath(token(purpose))}${suffix}`;
  const workOrderStatus = async () =>
    (
      (await rt.cosmos!.container('workOrders').item(workOrderId, workOrderId).read()).resource as {
        state: { status: string };
      }
    ).state.status;

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('../../functions'),
      clock,
      log: (line) => logs.push(line),
    });
    keys = LinkSigningKeys.parse(JSON.parse(rt.settings['LinkSigningKeys'] ?? '[]'));
    await rt.cosmos!.container('technicians').items.create(
      technician('T-NAM-1', {
        region: 'BE-NAM',
        skills: ['smart-meter'],
        homeBase: { latitude: 50.46, longitude: 4.86 },
      }),
    );
    sender = rt.serviceBusClient().createSender(queueName('workOrdersInbound'));
    inbox = new UtilityInbox(rt.serviceBusClient());
    await sender.sendMessages({
      body: createMessage({ externalId, dueDate: '2026-12-20' }),
      messageId: 'sec-1',
    });
    await eventually(async () => (inbox.answersTo('sec-1').length ? true : undefined));
    // A second instance of the app on the same Cosmos account: what one counts, the other sees.
    second = await startTestRuntime({
      app: () => import('../../functions'),
      clock,
      settings: {
        CosmosDbConnection: rt.settings['CosmosDbConnection'] ?? '',
        CosmosDbCaCertificatePath: rt.settings['CosmosDbCaCertificatePath'] ?? '',
        LinkSigningKeys: rt.settings['LinkSigningKeys'] ?? '',
      },
    });
  }, 120_000);

  afterAll(async () => {
    await inbox?.close();
    await sender?.close();
    await second?.stop();
    await rt?.stop();
  });

  /** A post of `megabytes` generated as it is sent, so the test's own memory stays flat. */
  const bigPost = (path: string, megabytes: number, declareLength: boolean) =>
    new Promise<number>((resolve, reject) => {
      const target = new URL(path, rt.url);
      const size = megabytes * 1024 * 1024;
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const req = httpRequest(target, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(declareLength ? { 'content-length': String(size) } : {}),
        },
      });
      let sent = 0;
      const pump = () => {
        while (sent < size) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      req.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', (error) => (sent >= size ? reject(error) : undefined));
      pump();
    });

  it('refuses a 60 MB post with a bad token before reading it, and memory stays flat', async () => {
    const forged = `${selfServicePath(token('book')).slice(0, -4)}AAAA/book`;
    global.gc?.();
    const before = process.memoryUsage().rss;
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push(await bigPost(forged, 60, true));
    const grown = process.memoryUsage().rss - before;
    expect(statuses).toEqual([413, 413, 413]);
    expect(grown).toBeLessThan(8 * 1024 * 1024);
    // Without a Content-Length the host keeps no more than its cap (24 MB), then refuses.
    const streamed = process.memoryUsage().rss;
    expect(await bigPost(forged, 60, false)).toBe(413);
    expect(process.memoryUsage().rss - streamed).toBeLessThan(40 * 1024 * 1024);
  }, 60_000);

  it('checks the link before a body is read, then caps the body per route', async () => {
    await nextMinute();
    const forged = `${url('book').slice(0, -4)}AAAA/book`;
    const body = 'slotId=' + 'x'.repeat(512 * 1024);
    expect(
      (
        await fetch(forged, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await fetch(url('book', '/book'), {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).status,
    ).toBe(413);
    const json = JSON.stringify({ contentType: 'image/jpeg', fileName: 'x'.repeat(8 * 1024), size: 10 });
    expect((await fetch(url('book', '/upload-url'), { method: 'POST', body: json })).status).toBe(413);
  });

  it('keeps a checked upload under a final name that no upload URL can overwrite', async () => {
    await nextMinute();
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(200, 1),
    ]);
    const html = Buffer.from(`<html><script>alert(1)</script>${'x'.repeat(11 * 1024 * 1024)}</html>`);
    const asked = await fetch(url('book', '/upload-url'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fileName: 'meter.png', contentType: 'image/png', size: png.length }),
    });
    const { uploadUrl, blobName } = (await asked.json()) as { uploadUrl: string; blobName: string };
    const put = (body: Buffer, type: string, target = uploadUrl) =>
      fetch(target, {
        method: 'PUT',
        headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': type },
        body,
      });
    expect((await put(png, 'image/png')).status).toBe(201);
    // Create-only: the URL cannot replace what it created, even before the check.
    expect([403, 409]).toContain((await put(html, 'text/html')).status);
    const complete = () =>
      fetch(url('book', '/upload-complete'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ blobName }),
      });
    const completed = await complete();
    expect(completed.status).toBe(200);
    const kept = ((await completed.json()) as { blobName: string }).blobName;
    expect(kept).not.toBe(blobName);
    // The staged name is free again, so the URL may create it anew: completing it again is refused,
    // and the URL never reaches the kept file's name.
    expect((await put(html, 'text/html')).status).toBe(201);
    expect((await complete()).status).toBe(400);
    expect((await put(png, 'image/png')).status).toBe(201);
    expect((await complete()).status).toBe(409);
    const keptUrl = uploadUrl
      .replace(blobName, kept)
      .replace('customer-uploads-incoming', 'customer-uploads');
    expect((await put(html, 'text/html', keptUrl)).status).toBe(403);
    const { BlobServiceClient } = await import('@azure/storage-blob');
    // Both runtimes run in this process; the app's clients follow the settings last applied.
    const blobs = BlobServiceClient.fromConnectionString(process.env['StorageConnection'] ?? '');
    const stored = await blobs.getContainerClient('customer-uploads').getBlobClient(kept).downloadToBuffer();
    expect(stored.equals(png)).toBe(true);
  }, 60_000);

  it('counts per client address by the last X-Forwarded-For hop, whatever the client puts first', async () => {
    await nextMinute();
    const forged = `${url('book').slice(0, -4)}AAAA`;
    const statuses: number[] = [];
    for (let i = 0; i < 122; i++) {
      const spoofed = { 'x-forwarded-for': `198.51.100.${i % 250}, 203.0.113.${i % 250}` };
      const target = i % 2 === 0 ? forged : forged.replace(rt.url, second.url);
      statuses.push((await fetch(target, { headers: spoofed })).status);
    }
    expect(statuses.slice(0, 120).every((status) => status === 403)).toBe(true);
    expect(statuses.slice(120)).toEqual([429, 429]);
  }, 60_000);

  it('counts per work order across spellings of the signature and copies of the link, on every instance', async () => {
    await nextMinute();
    const one = url('book');
    const other = url('reschedule');
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const target = (i % 2 === 0 ? one : other).replace(rt.url, i % 3 === 0 ? second.url : rt.url);
      statuses.push((await fetch(target)).status);
    }
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect((await fetch(url('book'))).status).toBe(429);
    expect((await fetch(url('book').replace(rt.url, second.url))).status).toBe(429);
    await nextMinute();
    for (const decoration of ['=', '==', '!', '~', '%3D'])
      expect((await fetch(`${one}${decoration}`)).status).toBe(403);
  });

  it('lets a book link book but never decline the work; a status link only look', async () => {
    await nextMinute();
    const page = await (await fetch(url('book', '?lang=en'))).text();
    expect(page).not.toContain('/decline');
    expect((await fetch(url('book', '/decline'))).status).toBe(403);
    const declined = await fetch(url('book', '/decline'), {
      method: 'POST',
      body: new URLSearchParams({ confirm: 'yes' }),
      redirect: 'manual',
    });
    expect(declined.status).toBe(403);
    expect(await workOrderStatus()).not.toBe('Cancelled');
    expect((await fetch(url('status', '/status'))).status).toBe(200);
    expect((await fetch(url('status'))).status).toBe(403);
    const booking = await fetch(url('status', '/book'), {
      method: 'POST',
      body: new URLSearchParams({ slotId: 'SL~BE-NAM~2026-11-26~0800-1200' }),
      redirect: 'manual',
    });
    expect(booking.status).toBe(403);
  });

  it('refuses links issued before a contact amend took the contact away', async () => {
    await nextMinute();
    const before = url('book');
    expect((await fetch(before)).status).toBe(200);
    await nextMinute();
    const store = cosmosStore(createCosmosClient(rt.settings));
    await cosmosIntakeStore(store).retireContact(
      'email',
      'old@example.org',
      customerIdFor(workOrderId),
      new Date(clock.now()).toISOString(),
    );
    expect((await fetch(before)).status).toBe(410);
    await nextMinute();
    expect((await fetch(url('book'))).status).toBe(200);
  });

  it('declines only through a cancel link and its confirmation, and then every older link is refused', async () => {
    await nextMinute();
    const cancel = url('cancel');
    const book = url('book');
    await nextMinute();
    const confirmation = await (await fetch(`${cancel}/decline?lang=en`)).text();
    expect(confirmation).toContain('name="confirm"');
    const unconfirmed = await fetch(`${cancel}/decline`, {
      method: 'POST',
      body: new URLSearchParams({}),
      redirect: 'manual',
    });
    expect(unconfirmed.status).toBe(303);
    expect(unconfirmed.headers.get('location')).toMatch(/\/decline\?/);
    expect(await workOrderStatus()).not.toBe('Cancelled');
    const confirmed = await fetch(`${cancel}/decline`, {
      method: 'POST',
      body: new URLSearchParams({ confirm: 'yes' }),
      redirect: 'manual',
    });
    expect(confirmed.headers.get('location')).toMatch(/\/declined\?/);
    expect((await fetch(`${rt.url}${confirmed.headers.get('location')}`)).status).toBe(200);
    expect((await fetch(book)).status).toBe(410);
    expect((await fetch(cancel)).status).toBe(410);
  });

  it('sends HSTS on pages and JSON, and a CSP that allows no inline script or style', async () => {
    await nextMinute();
    const page = await fetch(url('book', '/status'));
    const json = await fetch(`${rt.url}/api/openapi.json`);
    for (const response of [page, json])
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toContain('unsafe-inline');
    const html = await page.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/\son[a-z]+="/);
  });

  it('leaves no token, key or secret in the request log', async () => {
    const secretToken = token('book');
    await fetch(`${rt.url}${selfServicePath(secretToken)}?lang=en`);
    await fetch(`${rt.url}/api/events/sms-received?secret=query-secret-1234&code=function-key-5678`, {
      method: 'POST',
      body: '[]',
    });
    const logged = logs.join('\n');
    expect(logged).toContain('selfServicePage');
    for (const secret of [
      secretToken,
      secretToken.split('.')[2] ?? '',
      secretToken.split('.')[3] ?? '',
      'query-secret-1234',
      'function-key-5678',
    ])
      expect(logged).not.toContain(secret);
  });
});
