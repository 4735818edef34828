import type { ServiceBusClient } from '@azure/service-bus';
import type { BlobServiceClient } from '@azure/storage-blob';
import {
  createBlobServiceClient,
  cosmosStore,
  createCosmosClient,
  createServiceBusClient,
  type CosmosStore,
  type Settings,
} from '../shared/adapters/clients';
import { serviceBusUtilityOutbox } from '../shared/adapters/serviceBus/utilityOutbox';
import type { UtilityOutbox } from '../shared/contracts/outbound/utilityOutbox';
import { queueName } from '../shared/resources';

/**
 * SDK clients shared by every function in the process, made on first use (never at import, so the
 * app loads without settings). They are keyed by the connection they were made for: a host that
 * restarts the app against other endpoints in one process (the local runtime in tests) gets fresh
 * clients instead of ones pointing at a stopped emulator.
 */
const clients = new Map<string, unknown>();

function shared<T>(key: string, make: () => T): T {
  if (!clients.has(key)) clients.set(key, make());
  return clients.get(key) as T;
}

const connectionKey = (settings: Settings, name: string): string =>
  `${name}=${settings[name] ?? settings[`${name}__fullyQualifiedNamespace`] ?? settings[`${name}__accountEndpoint`] ?? settings[`${name}__blobServiceUri`] ?? ''}`;

export const cosmos = (settings: Settings = process.env): CosmosStore =>
  shared(connectionKey(settings, 'CosmosDbConnection'), () => cosmosStore(createCosmosClient(settings)));

export const serviceBus = (settings: Settings = process.env): ServiceBusClient =>
  shared(connectionKey(settings, 'ServiceBusConnection'), () => createServiceBusClient(settings));

export const utilityOutbox = (settings: Settings = process.env): UtilityOutbox =>
  shared(`outbox:${connectionKey(settings, 'ServiceBusConnection')}`, () =>
    serviceBusUtilityOutbox(serviceBus(settings).createSender(queueName('utilityOutbound'))),
  );

export const blobs = (settings: Settings = process.env): BlobServiceClient =>
  shared(connectionKey(settings, 'StorageConnection'), () => createBlobServiceClient(settings));
