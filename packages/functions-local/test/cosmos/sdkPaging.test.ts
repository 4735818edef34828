import { CosmosClient, type Container } from '@azure/cosmos';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/cosmos';

/**
 * Through the SDK, as the app reads: a cross-partition `ORDER BY` paged with continuation tokens
 * (newest first, ties in a stable order) gives every document once, a write between pages is seen,
 * and a malformed query is still a 400.
 */
describe('paged queries on the embedded Cosmos DB through the SDK', () => {
  let cosmos: EmbeddedCosmos;
  let client: CosmosClient;
  let container: Container;
  const at = (i: number) => `2026-03-0${1 + (i % 4)}T08:00:00.000Z`;

  beforeAll(async () => {
    cosmos = await startEmbeddedCosmos({ containers: [{ name: 'journeys', partitionKeyPath: '/id' }] });
    client = new CosmosClient({
      endpoint: cosmos.endpoint,
      key: cosmos.key,
      agent: new Agent({ ca: readFileSync(cosmos.caCertificatePath) }),
    });
    container = client.database('local').container('journeys');
    for (let i = 0; i < 60; i++)
      await container.items.create({
        id: `WO-${i}`,
        docType: 'journey',
        stage: i % 3 ? 'booked' : 'contacting',
        updatedAt: at(i),
      });
  });
  afterAll(async () => {
    client.dispose();
    await cosmos.stop();
  });

  async function pages(query: string, parameters: { name: string; value: string }[], size: number) {
    const seen: { id: string; updatedAt: string }[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await container.items
        .query<{ id: string; updatedAt: string }>(
          { query, parameters },
          { maxItemCount: size, ...(continuationToken ? { continuationToken } : {}) },
        )
        .fetchNext();
      expect(page.resources.length).toBeLessThanOrEqual(size);
      seen.push(...page.resources);
      continuationToken = page.hasMoreResults ? page.continuationToken : undefined;
    } while (continuationToken);
    return seen;
  }

  it('pages a filtered ORDER BY newest first, each matching document once', async () => {
    const seen = await pages(
      "SELECT * FROM c WHERE c.docType = 'journey' AND c.stage = @stage ORDER BY c.updatedAt DESC",
      [{ name: '@stage', value: 'booked' }],
      7,
    );
    expect(seen.map((d) => d.id).sort()).toEqual(
      Array.from({ length: 60 }, (_, i) => i)
        .filter((i) => i % 3)
        .map((i) => `WO-${i}`)
        .sort(),
    );
    const times = seen.map((d) => d.updatedAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('sees a write made between two pages', async () => {
    const query = "SELECT * FROM c WHERE c.stage = 'onHold' ORDER BY c.updatedAt DESC";
    const first = await container.items.query(query, { maxItemCount: 1 }).fetchNext();
    expect(first.resources).toEqual([]);
    await container.items.create({ id: 'WO-HOLD', docType: 'journey', stage: 'onHold', updatedAt: at(1) });
    const { resources } = await container.items.query<{ id: string }>(query).fetchAll();
    expect(resources.map((d) => d.id)).toEqual(['WO-HOLD']);
    const count = await container.items
      .query<number>("SELECT VALUE COUNT(1) FROM c WHERE c.stage = 'onHold'")
      .fetchAll();
    expect(count.resources).toEqual([1]);
  });

  it('answers a malformed query 400', async () => {
    await expect(container.items.query('SELECT * FROM c WHERE').fetchAll()).rejects.toMatchObject({
      code: 400,
    });
  });
});
