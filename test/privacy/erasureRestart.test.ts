import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedBlob, type EmbeddedBlob } from '@fieldline/functions-local';
import { ManualClock } from '@fieldline/functions-local';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '@fieldline/functions-local';
import { DurableEngine, MemoryInstanceStore } from '@fieldline/functions-local';
import { customerIdFor } from '../../shared/customers/customer';
import { erasedText } from '../../shared/privacy/tombstones';
import { blobContainerName, resources } from '../../shared/resources';
import { aCustomer, aWorkOrder } from '../journey/support/fixtures';
import { eventually } from '../support/outboundQueue';
import { signedInAs, startTestRuntime, type TestRuntime } from '../support/runtime';

const admin = {
  'content-type': 'application/json',
  ...signedInAs({ userId: 'admin-1', roles: ['admin'] }),
};
const workOrderId = 'WO-ERASE-RESTART';
const customerId = customerIdFor(workOrderId);

/*
 * The host stops part-way through an erasure (a deployment, a scale-in, a crash) and another one
 * picks the instance up from the same Durable store, Cosmos account and storage account. The
 * erasure finishes once: one record, every personal field gone, the files deleted.
 */
describe('an erasure interrupted by a host restart completes exactly once', () => {
  let cosmos: EmbeddedCosmos | undefined;
  let blob: EmbeddedBlob | undefined;
  const hosts: TestRuntime[] = [];
  afterAll(async () => {
    for (const host of hosts) await host.stop();
    await cosmos?.stop();
    await blob?.stop();
  });

  it('resumes from the kept Durable store and finishes with one record', async () => {
    cosmos = await startEmbeddedCosmos({
      databaseName: resources.cosmos.databaseName,
      containers: Object.values(resources.cosmos.containers),
    });
    blob = await startEmbeddedBlob({
      containers: Object.values(resources.storage.blobContainers).map((container) => container.name),
    });
    const store = new MemoryInstanceStore();
    const clock = new ManualClock(Date.parse('2027-02-01T10:00:00Z'));
    const settings = {
      CosmosDbConnection: cosmos.connectionString,
      CosmosDbCaCertificatePath: cosmos.caCertificatePath,
      StorageConnection: blob.connectionString,
    };
    const host = async () => {
      const rt = await startTestRuntime({
        app: () => import('./support/privacyTestApp'),
        clock,
        settings,
        plugins: [new DurableEngine({ store })],
      });
      hosts.push(rt);
      return rt;
    };

    const first = await host();
    await first
      .cosmos!.container('workOrders')
      .items.create(
        aWorkOrder({ id: workOrderId, customerId, state: { status: 'Closed', outcome: 'completed' } }),
      );
    await first.cosmos!.container('customers').items.create(aCustomer({ id: customerId, workOrderId }));
    const files = BlobServiceClient.fromConnectionString(blob.connectionString);
    await files
      .getContainerClient(blobContainerName('photos'))
      .getBlockBlobClient(`${workOrderId}/a.jpg`)
      .upload('x', 1);

    const requested = await first.fetch('/api/privacy/erasures', {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ person: { customerId } }),
    });
    expect(requested.status).toBe(202);
    const { statusUrl } = (await requested.json()) as { statusUrl: string };
    await first.stop();

    const second = await host();
    const done = await eventually(async () => {
      const status = (await (await second.fetch(statusUrl, { headers: admin })).json()) as {
        runtimeStatus: string;
        record?: { outcome: Record<string, number> };
      };
      return status.runtimeStatus === 'Completed' && status.record ? status.record : undefined;
    }, 60_000);
    expect(done.outcome).toMatchObject({ workOrders: 1, customers: 1 });

    const { resources: records } = await second
      .cosmos!.container('privacy')
      .items.query("SELECT * FROM c WHERE c.docType = 'erasure'")
      .fetchAll();
    expect(records).toHaveLength(1);
    const { resource: person } = await second
      .cosmos!.container('customers')
      .item(customerId, customerId)
      .read();
    expect(person).toMatchObject({ name: erasedText });
    expect(person).not.toHaveProperty('phone');
    const left = [];
    for await (const item of files.getContainerClient(blobContainerName('photos')).listBlobsFlat())
      left.push(item.name);
    expect(left).toEqual([]);
  }, 120_000);
});
