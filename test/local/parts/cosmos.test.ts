import type { CosmosClient } from '@azure/cosmos';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '@fieldline/functions-local';
import { cosmosStore, createCosmosClient, type CosmosStore } from '../../../shared/adapters/clients';
import { readItem, replaceItemAt } from '../../../shared/adapters/cosmos/items';
import { resources } from '../../../shared/resources';

interface WorkOrderDoc {
  readonly id: string;
  readonly status: string;
  readonly revision: number;
}

function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? Number(error.code) : undefined;
}

describe('embedded Cosmos DB', () => {
  let cosmos: EmbeddedCosmos;
  let client: CosmosClient;
  let store: CosmosStore;

  beforeAll(async () => {
    cosmos = await startEmbeddedCosmos({
      databaseName: resources.cosmos.databaseName,
      containers: Object.values(resources.cosmos.containers),
    });
    client = createCosmosClient({
      CosmosDbConnection: cosmos.connectionString,
      CosmosDbCaCertificatePath: cosmos.caCertificatePath,
    });
    store = cosmosStore(client);
  });

  afterAll(async () => {
    client?.dispose();
    await cosmos?.stop();
  });

  it('is reached over verified TLS, not with certificate checks switched off', () => {
    expect(process.env['NODE_TLS_REJECT_UNAUTHORIZED']).toBeUndefined();
    expect(cosmos.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    expect(cosmos.connectionString).toBe(`AccountEndpoint=${cosmos.endpoint};AccountKey=${cosmos.key};`);
  });

  it('refuses a client that does not trust the generated CA', async () => {
    const untrusting = createCosmosClient({ CosmosDbConnection: cosmos.connectionString });
    try {
      const error = await untrusting.getDatabaseAccount({ abortSignal: AbortSignal.timeout(10_000) }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(String(error)).toMatch(/certificate/i);
    } finally {
      untrusting.dispose();
    }
  });

  it('creates the database and every manifest container with its partition key', async () => {
    for (const key of Object.keys(
      resources.cosmos.containers,
    ) as (keyof typeof resources.cosmos.containers)[]) {
      const { resource } = await store.container(key).read();
      expect(resource?.id).toBe(resources.cosmos.containers[key].name);
      expect(resource?.partitionKey?.paths).toEqual([resources.cosmos.containers[key].partitionKeyPath]);
    }
  });

  it('creates, reads, upserts and queries items', async () => {
    const container = store.container('workOrders');
    await container.items.create<WorkOrderDoc>({ id: 'wo-1', status: 'received', revision: 1 });
    await container.items.create<WorkOrderDoc>({ id: 'wo-2', status: 'scheduled', revision: 1 });

    const conflict = await container.items
      .create({ id: 'wo-1', status: 'received', revision: 1 })
      .catch(statusOf);
    expect(conflict).toBe(409);

    await container.items.upsert<WorkOrderDoc>({ id: 'wo-2', status: 'completed', revision: 2 });
    const { resource: read } = await container.item('wo-2', 'wo-2').read<WorkOrderDoc>();
    expect(read).toMatchObject({ id: 'wo-2', status: 'completed', revision: 2 });

    const { resources: found } = await container.items
      .query<WorkOrderDoc>({
        query: 'SELECT * FROM c WHERE c.status = @status',
        parameters: [{ name: '@status', value: 'received' }],
      })
      .fetchAll();
    expect(found.map((doc) => doc.id)).toEqual(['wo-1']);

    const missing = await container.item('nope', 'nope').read();
    expect(missing.statusCode).toBe(404);
  });

  it('honours If-Match: a replace or delete with a stale etag fails with 412', async () => {
    const container = store.container('cases');
    const { resource: created } = await container.items.create({ id: 'case-1', state: 'open' });
    const staleEtag = created?._etag;
    expect(staleEtag).toBeTruthy();

    const { resource: replaced } = await container
      .item('case-1', 'case-1')
      .replace(
        { id: 'case-1', state: 'assigned' },
        { accessCondition: { type: 'IfMatch', condition: staleEtag! } },
      );
    expect(replaced?._etag).not.toBe(staleEtag);

    const lostUpdate = await container
      .item('case-1', 'case-1')
      .replace(
        { id: 'case-1', state: 'closed' },
        { accessCondition: { type: 'IfMatch', condition: staleEtag! } },
      )
      .catch(statusOf);
    expect(lostUpdate).toBe(412);

    const staleDelete = await container
      .item('case-1', 'case-1')
      .delete({ accessCondition: { type: 'IfMatch', condition: staleEtag! } })
      .catch(statusOf);
    expect(staleDelete).toBe(412);

    const { resource: current } = await container.item('case-1', 'case-1').read();
    expect(current).toMatchObject({ state: 'assigned' });
  });

  it("supports the app's read-then-replace-at-etag path: of two concurrent writers one wins", async () => {
    const container = store.container('technicians');
    await container.items.create({ id: 'tech-1', shifts: 0 });
    const first = await readItem(container, 'tech-1', 'tech-1');
    const second = await readItem(container, 'tech-1', 'tech-1');
    expect(first?.etag).toBeTruthy();
    expect(second?.etag).toBe(first?.etag);

    const oneShift = { id: 'tech-1', shifts: 1 };
    const twoShifts = { id: 'tech-1', shifts: 2 };
    expect(await replaceItemAt(container, oneShift, 'tech-1', first!.etag)).toBe('replaced');
    expect(await replaceItemAt(container, twoShifts, 'tech-1', second!.etag)).toBe('conflict');
    expect((await readItem(container, 'tech-1', 'tech-1'))?.resource).toMatchObject({ shifts: 1 });
  });

  it('keeps items apart by partition key value', async () => {
    const appointments = store.container('appointments');
    await appointments.items.create({ id: 'appt-1', technicianId: 'tech-a' });
    await appointments.items.create({ id: 'appt-1', technicianId: 'tech-b' });
    const { resource } = await appointments.item('appt-1', 'tech-b').read();
    expect(resource).toMatchObject({ technicianId: 'tech-b' });
  });
});

describe('embedded Cosmos DB lifecycle', () => {
  it('stop() closes the port and removes the CA file it wrote', async () => {
    const cosmos = await startEmbeddedCosmos({ containers: [] });
    const port = Number(new URL(cosmos.endpoint).port);
    expect(existsSync(cosmos.caCertificatePath)).toBe(true);
    await cosmos.stop();
    expect(existsSync(cosmos.caCertificatePath)).toBe(false);
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });
});
