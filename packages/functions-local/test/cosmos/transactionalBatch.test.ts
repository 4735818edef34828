import { CosmosClient, type Container, type OperationInput } from '@azure/cosmos';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/cosmos';

/**
 * A transactional batch as Azure runs it (https://learn.microsoft.com/azure/cosmos-db/transactional-batch):
 * all of it or none of it, in one logical partition, a failed one answered with the failing
 * operation's status and 424 for the others.
 */
let cosmos: EmbeddedCosmos;
let client: CosmosClient;
let orders: Container;

beforeAll(async () => {
  cosmos = await startEmbeddedCosmos({
    databaseName: 'app',
    containers: [{ name: 'lines', partitionKeyPath: '/orderId' }],
  });
  client = new CosmosClient({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    agent: new Agent({ ca: readFileSync(cosmos.caCertificatePath) }),
  });
  orders = client.database('app').container('lines');
});

afterAll(async () => {
  client.dispose();
  await cosmos.stop();
});

const read = async (id: string, orderId: string) =>
  (await orders.item(id, orderId).read()).resource as unknown;

describe('transactional batch on the embedded Cosmos DB', () => {
  it('writes every operation of a batch that succeeds, and answers each', async () => {
    const response = await orders.items.batch(
      [
        { operationType: 'Create', resourceBody: { id: 'a1', orderId: 'A', qty: 1 } },
        { operationType: 'Upsert', resourceBody: { id: 'a2', orderId: 'A', qty: 2 } },
        { operationType: 'Read', id: 'a1' },
      ],
      'A',
    );
    expect(response.code).toBe(200);
    expect(response.result?.map((result) => result.statusCode)).toEqual([201, 201, 200]);
    expect(await read('a2', 'A')).toMatchObject({ qty: 2 });
  });

  it('writes nothing when one operation fails: that one has its status, every other 424', async () => {
    await orders.items.create({ id: 'b2', orderId: 'B', qty: 1 });
    const operations: OperationInput[] = [
      { operationType: 'Create', resourceBody: { id: 'b1', orderId: 'B', qty: 1 } },
      { operationType: 'Replace', id: 'b2', resourceBody: { id: 'b2', orderId: 'B', qty: 9 } },
      { operationType: 'Create', resourceBody: { id: 'b2', orderId: 'B', qty: 5 } },
      { operationType: 'Delete', id: 'b2' },
    ];
    const response = await orders.items.batch(operations, 'B');

    expect(response.code).toBe(207);
    expect(response.result?.map((result) => result.statusCode)).toEqual([424, 424, 409, 424]);
    expect(await read('b1', 'B')).toBeUndefined();
    expect(await read('b2', 'B')).toMatchObject({ qty: 1 });
  });

  it('refuses a stale ETag inside a batch and keeps the earlier operations out', async () => {
    const { etag } = await orders.items.create({ id: 'c1', orderId: 'C', qty: 1 });
    await orders.item('c1', 'C').replace({ id: 'c1', orderId: 'C', qty: 2 });
    const response = await orders.items.batch(
      [
        { operationType: 'Create', resourceBody: { id: 'c2', orderId: 'C' } },
        {
          operationType: 'Replace',
          id: 'c1',
          ifMatch: etag,
          resourceBody: { id: 'c1', orderId: 'C', qty: 3 },
        },
      ],
      'C',
    );
    expect(response.result?.map((result) => result.statusCode)).toEqual([424, 412]);
    expect(await read('c2', 'C')).toBeUndefined();
    expect(await read('c1', 'C')).toMatchObject({ qty: 2 });
  });

  it('follows the documents through the batch: a create then a read of it succeeds, a delete then a replace does not', async () => {
    await orders.items.create({ id: 'd1', orderId: 'D' });
    const ok = await orders.items.batch(
      [
        { operationType: 'Create', resourceBody: { id: 'd2', orderId: 'D' } },
        { operationType: 'Read', id: 'd2' },
      ],
      'D',
    );
    expect(ok.result?.map((result) => result.statusCode)).toEqual([201, 200]);
    const refused = await orders.items.batch(
      [
        { operationType: 'Delete', id: 'd1' },
        { operationType: 'Replace', id: 'd1', resourceBody: { id: 'd1', orderId: 'D' } },
      ],
      'D',
    );
    expect(refused.result?.map((result) => result.statusCode)).toEqual([424, 404]);
    expect(await read('d1', 'D')).toMatchObject({ id: 'd1' });
  });

  it('refuses a document of another partition and writes none of the batch', async () => {
    const response = await orders.items.batch(
      [
        { operationType: 'Create', resourceBody: { id: 'e1', orderId: 'E' } },
        { operationType: 'Create', resourceBody: { id: 'e2', orderId: 'F' } },
      ],
      'E',
    );
    expect(response.code).toBe(207);
    expect(response.result?.map((result) => result.statusCode)).toEqual([424, 400]);
    expect(await read('e1', 'E')).toBeUndefined();
    expect(await read('e2', 'F')).toBeUndefined();
  });

  it('keeps batches racing for the same document all-or-nothing: one wins whole, the others leave nothing', async () => {
    const racing = Array.from({ length: 10 }, (_, n) =>
      orders.items.batch(
        [
          { operationType: 'Create', resourceBody: { id: `h${n}`, orderId: 'H' } },
          { operationType: 'Create', resourceBody: { id: 'lock', orderId: 'H' } },
        ],
        'H',
      ),
    );
    const answers = await Promise.all(racing);
    const { resources } = await orders.items
      .query({ query: "SELECT VALUE c.id FROM c WHERE c.orderId = 'H'" })
      .fetchAll();

    expect(answers.filter((answer) => answer.code === 200)).toHaveLength(1);
    expect(resources.sort()).toHaveLength(2);
    expect(resources).toContain('lock');
  });
});

describe('a batch and the query index', () => {
  it('finds what a batch wrote, and not what a failed batch undid, through an indexed filter', async () => {
    // Query the container first so its index exists before the batches write.
    const byStatus = async (status: string) =>
      (
        await orders.items
          .query<{ id: string }>({
            query: 'SELECT c.id FROM c WHERE c.orderId = @order AND c.status = @status',
            parameters: [
              { name: '@order', value: 'O-IDX' },
              { name: '@status', value: status },
            ],
          })
          .fetchAll()
      ).resources.map((row) => row.id);
    expect(await byStatus('open')).toEqual([]);
    await orders.items.batch(
      [
        { operationType: 'Create', resourceBody: { id: 'i-1', orderId: 'O-IDX', status: 'open' } },
        { operationType: 'Create', resourceBody: { id: 'i-2', orderId: 'O-IDX', status: 'open' } },
      ],
      'O-IDX',
    );
    const failed = await orders.items.batch(
      [
        { operationType: 'Create', resourceBody: { id: 'i-3', orderId: 'O-IDX', status: 'open' } },
        { operationType: 'Create', resourceBody: { id: 'i-1', orderId: 'O-IDX', status: 'open' } },
      ],
      'O-IDX',
    );
    expect(failed.result?.map((r) => r.statusCode)).toEqual([424, 409]);
    expect((await byStatus('open')).sort()).toEqual(['i-1', 'i-2']);
  });
});
