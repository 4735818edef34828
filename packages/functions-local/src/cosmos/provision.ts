import { CosmosClient } from '@azure/cosmos';
import { Agent } from 'node:https';
import type { ContainerDefinition } from '../resources';

export interface ProvisionRequest {
  readonly endpoint: string;
  readonly key: string;
  readonly caPem: string;
  readonly databaseName: string;
  readonly containers: readonly ContainerDefinition[];
}

/** Creates the database and containers through the real SDK, the way deployment would shape them. */
export async function provisionDatabase(request: ProvisionRequest): Promise<void> {
  const agent = new Agent({ ca: request.caPem, keepAlive: true });
  const client = new CosmosClient({ endpoint: request.endpoint, key: request.key, agent });
  try {
    const { database } = await client.databases.createIfNotExists({ id: request.databaseName });
    for (const container of request.containers) {
      await database.containers.createIfNotExists({
        id: container.name,
        partitionKey: { paths: [container.partitionKeyPath] },
        ...(container.defaultTtlSeconds === undefined ? {} : { defaultTtl: container.defaultTtlSeconds }),
      });
    }
  } finally {
    client.dispose();
    agent.destroy();
  }
}
