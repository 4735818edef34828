import {
  BlobSASPermissions,
  generateBlobSASQueryParameters,
  StorageSharedKeyCredential,
  type BlobServiceClient,
} from '@azure/storage-blob';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedBlob, type EmbeddedBlob } from '@fieldline/functions-local';
import { createBlobServiceClient } from '../../../shared/adapters/clients';
import { blobContainerName, resources } from '../../../shared/resources';

function sasUrl(blob: EmbeddedBlob, container: string, name: string, permissions: string): string {
  const startsOn = new Date(Date.now() - 60_000);
  const query = generateBlobSASQueryParameters(
    {
      containerName: container,
      blobName: name,
      permissions: BlobSASPermissions.parse(permissions),
      startsOn,
      expiresOn: new Date(startsOn.getTime() + 15 * 60_000),
    },
    new StorageSharedKeyCredential(blob.accountName, blob.accountKey),
  );
  return `${blob.blobEndpoint}/${container}/${name}?${query.toString()}`;
}

function portIsClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('embedded blob storage', () => {
  let blob: EmbeddedBlob;
  let client: BlobServiceClient;
  const uploads = blobContainerName('uploads');

  beforeAll(async () => {
    blob = await startEmbeddedBlob({
      containers: Object.values(resources.storage.blobContainers).map((container) => container.name),
    });
    client = createBlobServiceClient({ StorageConnection: blob.connectionString });
  });

  afterAll(async () => {
    await blob?.stop();
  });

  it('creates every manifest blob container', async () => {
    const names: string[] = [];
    for await (const container of client.listContainers()) names.push(container.name);
    expect(names.sort()).toEqual(
      Object.values(resources.storage.blobContainers)
        .map((c) => c.name)
        .sort(),
    );
  });

  it('uploads and downloads through the app client factory', async () => {
    const blockBlob = client
      .getContainerClient(blobContainerName('photos'))
      .getBlockBlobClient('wo-1/p1.jpg');
    await blockBlob.upload('jpeg bytes', 10, { blobHTTPHeaders: { blobContentType: 'image/jpeg' } });
    const downloaded = await blockBlob.downloadToBuffer();
    expect(downloaded.toString()).toBe('jpeg bytes');
    expect((await blockBlob.getProperties()).contentType).toBe('image/jpeg');
  });

  it('lets plain fetch PUT then GET a blob through account-key SAS URLs', async () => {
    const put = await fetch(sasUrl(blob, uploads, 'wo-2/doc.pdf', 'cw'), {
      method: 'PUT',
      headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': 'application/pdf' },
      body: 'pdf bytes',
    });
    expect(put.status).toBe(201);

    const get = await fetch(sasUrl(blob, uploads, 'wo-2/doc.pdf', 'r'));
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toBe('application/pdf');
    expect(await get.text()).toBe('pdf bytes');
  });

  it('refuses a SAS without write permission and a tampered signature', async () => {
    const readOnly = await fetch(sasUrl(blob, uploads, 'wo-3/doc.pdf', 'r'), {
      method: 'PUT',
      headers: { 'x-ms-blob-type': 'BlockBlob' },
      body: 'x',
    });
    expect(readOnly.status).toBe(403);

    const url = new URL(sasUrl(blob, uploads, 'wo-3/doc.pdf', 'cw'));
    url.searchParams.set('sig', Buffer.alloc(32, 1).toString('base64'));
    const tampered = await fetch(url, {
      method: 'PUT',
      headers: { 'x-ms-blob-type': 'BlockBlob' },
      body: 'x',
    });
    expect(tampered.status).toBe(403);
    expect(await client.getContainerClient(uploads).getBlobClient('wo-3/doc.pdf').exists()).toBe(false);
  });

  it('answers the browser preflight for a direct upload as the deployed CORS rule does', async () => {
    const preflight = await fetch(`${blob.blobEndpoint}/${uploads}/wo-4/doc.pdf`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:7071',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'x-ms-blob-type,content-type',
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('PUT');

    const deleteFromPage = await fetch(`${blob.blobEndpoint}/${uploads}/wo-4/doc.pdf`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:7071', 'Access-Control-Request-Method': 'DELETE' },
    });
    expect(deleteFromPage.status).toBe(403);
  });
});

describe('embedded blob storage lifecycle', () => {
  it('keeps two instances apart, before and after one of them stops', async () => {
    const first = await startEmbeddedBlob({ containers: ['shared-name'] });
    const second = await startEmbeddedBlob({ containers: ['shared-name'] });
    try {
      const firstClient = createBlobServiceClient({ StorageConnection: first.connectionString });
      const secondClient = createBlobServiceClient({ StorageConnection: second.connectionString });
      await firstClient.getContainerClient('shared-name').getBlockBlobClient('a').upload('1', 1);
      expect(await secondClient.getContainerClient('shared-name').getBlobClient('a').exists()).toBe(false);

      await secondClient.getContainerClient('shared-name').getBlockBlobClient('b').upload('22', 2);
      await first.stop();
      const survivor = await secondClient
        .getContainerClient('shared-name')
        .getBlobClient('b')
        .downloadToBuffer();
      expect(survivor.toString()).toBe('22');
    } finally {
      await first.stop();
      await second.stop();
    }
    expect(await portIsClosed(Number(new URL(first.blobEndpoint).port))).toBe(true);
    expect(await portIsClosed(Number(new URL(second.blobEndpoint).port))).toBe(true);
  });
});
