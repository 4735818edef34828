import { CosmosClient, type Container, type Database } from '@azure/cosmos';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { resources, type ContainerKey } from '../../resources';
import { azureCredential } from './credential';
import { readConnection, type Settings } from './settings';

/**
 * `CosmosDbCaCertificatePath` names a PEM the client should trust in addition to the public roots.
 * Only the local runtime sets it, for its embedded emulator's self-signed certificate; trust is
 * scoped to this client's agent so no other connection in the process is affected.
 */
function agentFor(settings: Settings): Agent | undefined {
  const caPath = settings['CosmosDbCaCertificatePath'];
  return caPath ? new Agent({ ca: readFileSync(caPath), keepAlive: true }) : undefined;
}

export function createCosmosClient(settings: Settings): CosmosClient {
  const connection = readConnection(settings, 'CosmosDbConnection', 'accountEndpoint');
  const agent = agentFor(settings);
  if (connection.kind === 'connectionString') {
    const parts = new Map(
      connection.value
        .split(';')
        .filter(Boolean)
        .map((part) => {
          const at = part.indexOf('=');
          return [part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim()] as const;
        }),
    );
    const endpoint = parts.get('accountendpoint');
    const key = parts.get('accountkey');
    if (!endpoint || !key) throw new Error('CosmosDbConnection must contain AccountEndpoint and AccountKey.');
    return new CosmosClient({ endpoint, key, ...(agent ? { agent } : {}) });
  }
  return new CosmosClient({ endpoint: connection.address, aadCredentials: azureCredential() });
}

export interface CosmosStore {
  readonly database: Database;
  container(key: ContainerKey): Container;
}

export function cosmosStore(client: CosmosClient): CosmosStore {
  const database = client.database(resources.cosmos.databaseName);
  return {
    database,
    container: (key) => database.container(resources.cosmos.containers[key].name),
  };
}
