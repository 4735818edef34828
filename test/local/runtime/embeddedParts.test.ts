import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

describe('local runtime embedded parts', () => {
  let rt: TestRuntime;

  beforeAll(async () => {
    rt = await startTestRuntime({ app: () => import('./apps/partsApp') });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('points the app settings at the parts it started', () => {
    expect(rt.settings['CosmosDbConnection']).toMatch(/^AccountEndpoint=https:\/\/127\.0\.0\.1:\d+\//);
    expect(rt.settings['CosmosDbCaCertificatePath']).toBeTruthy();
    expect(rt.settings['StorageConnection']).toContain('BlobEndpoint=http://127.0.0.1:');
    expect(rt.settings['AzureWebJobsStorage']).toBe(rt.settings['StorageConnection']);
    expect(rt.settings['AcsConnection']).toMatch(/^endpoint=http:\/\/127\.0\.0\.1:\d+\//);
    expect(rt.settings['PublicBaseUrl']).toBe(rt.url);
    expect(process.env['CosmosDbConnection']).toBe(rt.settings['CosmosDbConnection']);
  });

  it('reaches Cosmos DB from a function through the app client factory', async () => {
    const response = await rt.fetch('/api/parts/cosmos/tech-1', { method: 'PUT' });
    expect(await response.json()).toEqual({ id: 'tech-1', region: 'north' });
    const { resource } = await rt.cosmos!.container('technicians').item('tech-1', 'tech-1').read();
    expect(resource?.region).toBe('north');
  });

  it('reaches blob storage from a function through the app client factory', async () => {
    const response = await rt.fetch('/api/parts/blob/note.txt', { method: 'PUT', body: 'stored text' });
    expect(await response.json()).toEqual({ stored: 'stored text' });
  });

  it('records email sent from a function in the outbox and shows it at /dev/outbox', async () => {
    const response = await rt.fetch('/api/parts/email', { method: 'POST' });
    expect(await response.json()).toEqual({ status: 'Succeeded' });
    expect(rt.outbox?.messages()).toHaveLength(1);
    const page = await rt.fetch('/dev/outbox');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Runtime check');
  });
});
