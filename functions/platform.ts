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
import type { AppConfig } from '../shared/config/appConfig';
import { configFromEnvironment } from '../shared/config/loadConfig';
import { appSettingNames } from '../shared/config/settingNames';
import { queueName } from '../shared/resources';

/**
 * SDK clients shared by every function in the process, made on first use (never at import, so the
 * app loads without settings). They are keyed by the connection they were made for: a host that
 * restarts the app against other endpoints in one process (the local runtime in tests) gets fresh
 * clients instead of ones pointing at a stopped emulator.
 */
const clients = new Map<string, { readonly value: unknown; readonly close: () => Promise<void> | void }>();

function shared<T>(
  key: string,
  make: () => { readonly value: T; readonly close: () => Promise<void> | void },
): T {
  let entry = clients.get(key);
  if (entry === undefined) {
    entry = make();
    clients.set(key, entry);
  }
  return entry.value as T;
}

/**
 * Something built from the settings alone (the parsed config, the journey's dependencies), made
 * once per distinct `key` like the clients, so a request does not re-read and re-validate them.
 */
export const perSettings = <T>(key: string, make: () => T): T =>
  shared(`settings:${key}`, () => ({ value: make(), close: () => undefined }));

/** The app config, parsed and validated once per distinct set of settings. */
export const appConfig = (settings: Settings = process.env): AppConfig =>
  perSettings(`config:${appSettingNames.map((name) => settings[name] ?? '').join('\u0000')}`, () =>
    configFromEnvironment(settings),
  );

/**
 * Closes every shared client; `functions/lifecycle.ts` runs it when the host stops the app, since
 * an open Service Bus connection would otherwise keep retrying a broker that is gone.
 */
export async function closeSharedClients(): Promise<void> {
  const closing = [...clients.values()].map((entry) => entry.close());
  clients.clear();
  await Promise.allSettled(closing);
}

const connectionKey = (settings: Settings, name: string): string =>
  `${name}=${settings[name] ?? settings[`${name}__fullyQualifiedNamespace`] ?? settings[`${name}__accountEndpoint`] ?? settings[`${name}__blobServiceUri`] ?? ''}`;

export const cosmos = (settings: Settings = process.env): CosmosStore =>
  shared(connectionKey(settings, 'CosmosDbConnection'), () => {
    const client = createCosmosClient(settings);
    return { value: cosmosStore(client), close: () => client.dispose() };
  });

export const serviceBus = (settings: Settings = process.env): ServiceBusClient =>
  shared(connectionKey(settings, 'ServiceBusConnection'), () => {
    const client = createServiceBusClient(settings);
    return { value: client, close: () => client.close() };
  });

export const utilityOutbox = (settings: Settings = process.env): UtilityOutbox =>
  shared(`outbox:${connectionKey(settings, 'ServiceBusConnection')}`, () => {
    const sender = serviceBus(settings).createSender(queueName('utilityOutbound'));
    return { value: serviceBusUtilityOutbox(sender), close: () => sender.close() };
  });

export const blobs = (settings: Settings = process.env): BlobServiceClient =>
  shared(connectionKey(settings, 'StorageConnection'), () => ({
    value: createBlobServiceClient(settings),
    close: () => undefined,
  }));

export type { Settings };
