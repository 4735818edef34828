import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobContainerName } from '../../shared/resources';
import { shellFiles } from '../../web/technician/assets';
import { aWorkOrder } from '../journey/support/fixtures';
import { signedInAs, startTestRuntime, type TestRuntime } from '../support/runtime';
import { BlobServiceClient } from '@azure/storage-blob';

const mine = aWorkOrder({
  id: 'WO-TECH-MINE',
  state: { status: 'Dispatched', appointmentId: 'AP-MINE', technicianId: 'T-MINE' },
});
const theirs = aWorkOrder({
  id: 'WO-TECH-THEIRS',
  state: { status: 'Dispatched', appointmentId: 'AP-THEIRS', technicianId: 'T-OTHER' },
});
const technician = signedInAs({ userId: 'T-MINE', roles: ['technician'] });

/** Bytes as they cross the network: no client-side decoding, so a compressed body is counted compressed. */
function transferred(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { 'accept-encoding': 'br, gzip', ...headers } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('technician app shell', () => {
  let rt: TestRuntime;

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('./support/technicianTestApp'),
      embedded: { cosmos: true, blob: true, outbox: false },
    });
    for (const wo of [mine, theirs]) await rt.cosmos!.container('workOrders').items.upsert(wo);
    await rt.cosmos!.container('timeline').items.upsert({
      id: 'CD-1',
      docType: 'customerDetails',
      subjectId: mine.id,
      text: 'The meter is behind the garage door',
      submittedAt: '2026-01-05T09:00:00Z',
    });
    const service = BlobServiceClient.fromConnectionString(rt.settings['StorageConnection'] ?? '');
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
    await service
      .getContainerClient(blobContainerName('uploads'))
      .getBlockBlobClient(`${mine.id}/upload-1.jpg`)
      .upload(jpeg, jpeg.length, { blobHTTPHeaders: { blobContentType: 'image/jpeg' } });
  }, 60_000);
  afterAll(async () => {
    await rt?.stop();
  });

  it('sends a visitor to sign in, and someone without the technician role to a 403 page', async () => {
    const anonymous = await rt.fetch('/api/tech/', { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toContain(encodeURIComponent('/api/tech/'));
    const agent = await rt.fetch('/api/tech/', {
      redirect: 'manual',
      headers: signedInAs({ userId: 'agent-1', roles: ['agent'] }),
    });
    expect(agent.status).toBe(403);
    expect(await agent.text()).toContain('You do not have access to this page');
    const noSlash = await rt.fetch('/api/tech', { redirect: 'manual', headers: technician });
    expect(noSlash.headers.get('location')).toBe('/api/tech/');
  });

  it('serves the page under the strict staff policy, uploads allowed only to storage, no inline code', async () => {
    const response = await rt.fetch('/api/tech/', { headers: technician });
    expect(response.status).toBe(200);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).toContain("worker-src 'self'");
    expect(policy).toContain("manifest-src 'self'");
    const blobOrigin = new URL(/BlobEndpoint=([^;]+)/.exec(rt.settings['StorageConnection'] ?? '')?.[1] ?? '')
      .origin;
    expect(policy).toMatch(new RegExp(`connect-src 'self' ${blobOrigin.replace(/[.]/g, '\\.')};`));
    expect(policy).not.toContain('unsafe-inline');
    const page = await response.text();
    expect(page).toContain('data-technician="T-MINE"');
    expect(page).toMatch(/<link rel="manifest" href="\/api\/tech\/assets\/manifest\.[0-9a-f]{12}\.json"/);
    expect(page.match(/<script(?![^>]*\ssrc=)[^>]*>/g) ?? []).toEqual([]);
    expect(page).not.toMatch(/\sstyle=|\son[a-z]+=/);
  });

  it('has a manifest and a service worker scoped to /api/tech/ that caches every shell file', async () => {
    const page = await (await rt.fetch('/api/tech/', { headers: technician })).text();
    const manifestPath = /rel="manifest" href="([^"]+)"/.exec(page)?.[1] ?? '';
    const manifest = (await (await rt.fetch(manifestPath)).json()) as Record<string, unknown>;
    expect(manifest).toMatchObject({ scope: '/api/tech/', start_url: '/api/tech/', display: 'standalone' });
    const worker = await rt.fetch('/api/tech/sw.js');
    expect(worker.headers.get('content-type')).toContain('text/javascript');
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    const script = await worker.text();
    for (const file of shellFiles) {
      expect(script).toContain(file);
      expect(page.includes(file) || file.endsWith('.svg') || file.endsWith('.json'), file).toBe(true);
      expect((await rt.fetch(file)).status, file).toBe(200);
    }
  });

  it('opens with at most 100 KB transferred: page, service worker and every shell file, compressed', async () => {
    const files = ['/api/tech/', '/api/tech/sw.js', ...shellFiles];
    const sizes = await Promise.all(
      files.map(async (file) => ({ file, ...(await transferred(`${rt.url}${file}`, technician)) })),
    );
    for (const size of sizes) expect(size.status, size.file).toBe(200);
    const total = sizes.reduce((sum, size) => sum + size.bytes, 0);
    console.log(`technician shell: ${files.length} files, ${total} bytes transferred`);
    expect(total).toBeLessThanOrEqual(100 * 1024);
  });

  it('shows the technician what the customer added, and no one else’s work', async () => {
    const path = (id: string) => `/api/tech/work-orders/${id}/customer-additions`;
    const own = await rt.fetch(path(mine.id), { headers: technician });
    expect(own.status).toBe(200);
    const body = (await own.json()) as {
      details: { text: string }[];
      uploads: { url: string; kind: string }[];
    };
    expect(body.details.map((d) => d.text)).toEqual(['The meter is behind the garage door']);
    expect(body.uploads).toHaveLength(1);
    expect(body.uploads[0]?.kind).toBe('photo');
    expect(new URL(body.uploads[0]?.url ?? '').searchParams.get('sp')).toBe('r');
    expect((await fetch(body.uploads[0]?.url ?? '')).status).toBe(200);
    expect((await rt.fetch(path(theirs.id), { headers: technician })).status).toBe(403);
    expect((await rt.fetch(path('WO-NOWHERE'), { headers: technician })).status).toBe(404);
    const agent = signedInAs({ userId: 'agent-1', roles: ['agent'] });
    expect((await rt.fetch(path(mine.id), { headers: agent })).status).toBe(403);
    const dispatcher = signedInAs({ userId: 'disp-1', roles: ['dispatcher'] });
    expect((await rt.fetch(path(theirs.id), { headers: dispatcher })).status).toBe(200);
  });

  it('refuses technician actions to an agent, and another technician’s work order to a technician', async () => {
    const status = (id: string, headers: Record<string, string>) =>
      rt.fetch(`/api/technician/work-orders/${id}/status`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          updateId: `u-${id}`,
          clientTimestamp: '2026-01-05T09:00:00Z',
          status: 'onSite',
        }),
      });
    expect((await status(mine.id, signedInAs({ userId: 'agent-1', roles: ['agent'] }))).status).toBe(403);
    expect((await status(theirs.id, technician)).status).toBe(403);
    const read = await rt.fetch(`/api/technician/work-orders/${theirs.id}`, { headers: technician });
    expect(read.status).toBe(403);
    const day = await rt.fetch('/api/technicians/T-OTHER/schedule', { headers: technician });
    expect(day.status).toBe(403);
  });
});
