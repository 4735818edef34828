import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueDefinition } from '../../src/servicebus';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

const queue = (name: string): QueueDefinition => ({
  name,
  lockDuration: 'PT30S',
  maxDeliveryCount: 2,
  defaultMessageTimeToLive: 'P1D',
  deadLetteringOnMessageExpiration: false,
  requiresDuplicateDetection: false,
  duplicateDetectionHistoryTimeWindow: 'PT10M',
  requiresSession: false,
});

const waitFor = async (check: () => Promise<boolean>, ms = 10_000): Promise<void> => {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('local runtime blob input and output bindings (Azurite)', () => {
  let rt: TestRuntime;
  let blobs: BlobServiceClient;

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('./apps/blobApp'),
      embedded: { serviceBus: true, cosmos: false, blob: true, outbox: false },
      queues: [queue('blob-jobs'), queue('json-jobs')],
      settings: { IdentityStorage__blobServiceUri: 'https://example.blob.core.windows.net' },
    });
    blobs = BlobServiceClient.fromConnectionString(rt.settings['AzureWebJobsStorage']!);
    await blobs.getContainerClient('inbox').createIfNotExists();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  const read = async (container: string, blob: string): Promise<Buffer | undefined> => {
    const client = blobs.getContainerClient(container).getBlobClient(blob);
    return (await client.exists()) ? client.downloadToBuffer() : undefined;
  };

  it('reads the blob a route parameter names and writes one whose path uses the query string', async () => {
    await blobs.getContainerClient('inbox').getBlockBlobClient('hello.txt').upload('hello there', 11);
    const response = await rt.fetch('/api/notes/hello.txt?category=greetings', { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ found: true, length: 11 });
    // The output container did not exist: the binding creates it, as the extension does.
    expect((await read('archive', 'greetings/hello.txt'))?.toString()).toBe('HELLO THERE');
  });

  it('hands a missing blob over as null', async () => {
    const response = await rt.fetch('/api/notes/absent.txt?category=x', { method: 'POST' });
    expect(response.status).toBe(404);
  });

  it('fails the invocation when the path names a value the trigger does not have', async () => {
    await blobs.getContainerClient('inbox').getBlockBlobClient('q.txt').upload('q', 1);
    const response = await rt.fetch('/api/notes/q.txt', { method: 'POST' });
    expect(response.status).toBe(500);
    expect(await read('archive', 'q.txt')).toBeUndefined();
  });

  it('binds bytes by a JSON body property and writes to a path from trigger metadata (MessageId)', async () => {
    await blobs
      .getContainerClient('inbox')
      .getBlockBlobClient('photo.bin')
      .upload(Buffer.from([1, 2, 3]), 3);
    const sender = rt.serviceBusClient().createSender('blob-jobs');
    await sender.sendMessages({ body: { file: 'photo.bin' }, messageId: 'job-7' });
    await sender.close();
    await waitFor(async () => (await read('copies', 'job-7.bin')) !== undefined);
    expect([...(await read('copies', 'job-7.bin'))!]).toEqual([1, 2, 3, 0xff]);
  });

  it('writes a function’s return value through a `return` blob binding, JSON as JSON', async () => {
    const sender = rt.serviceBusClient().createSender('json-jobs');
    await sender.sendMessages({ body: { id: 'wo-9', status: 'done' } });
    await sender.close();
    await waitFor(async () => (await read('json', 'wo-9.json')) !== undefined);
    expect(JSON.parse((await read('json', 'wo-9.json'))!.toString())).toEqual({
      saved: { id: 'wo-9', status: 'done' },
    });
    const properties = await blobs.getContainerClient('json').getBlobClient('wo-9.json').getProperties();
    expect(properties.contentType).toBe('application/json');
  });

  it('puts a function whose blob connection is identity-based in error, and runs the rest', () => {
    const inError = rt.runtime.inError.find((fn) => fn.name === 'identityOnly');
    expect(inError?.reasons.join()).toMatch(/identity-based/);
    expect(rt.runtime.inError.map((fn) => fn.name)).toEqual(['identityOnly']);
  });
});
