import type { CosmosClient } from '@azure/cosmos';
import { startEmbeddedCosmos, type EmbeddedCosmosOptions } from '@fieldline/functions-local';
import { createCosmosClient } from '../../shared/adapters/clients';
import { resources } from '../../shared/resources';

/** The embedded Cosmos DB with Fieldline's database and the given containers, and an SDK client for it. */
export async function embeddedCosmosClient(
  containers: NonNullable<EmbeddedCosmosOptions['containers']>,
): Promise<{ readonly client: CosmosClient; stop(): Promise<void> }> {
  const cosmos = await startEmbeddedCosmos({ databaseName: resources.cosmos.databaseName, containers });
  const client = createCosmosClient({
    CosmosDbConnection: cosmos.connectionString,
    CosmosDbCaCertificatePath: cosmos.caCertificatePath,
  });
  return {
    client,
    async stop() {
      client.dispose();
      await cosmos.stop();
    },
  };
}
