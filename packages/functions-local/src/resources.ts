/**
 * The Azure resources an app expects to exist, in the shape of a resource manifest such as
 * Fieldline's `infra/resources.json`: the embedded parts create them at start, as a deployment would.
 * The app passes its own; nothing is assumed.
 */
export interface ContainerDefinition {
  readonly name: string;
  readonly partitionKeyPath: string;
  readonly defaultTtlSeconds?: number;
}

export interface ResourceManifest {
  readonly serviceBus?: {
    readonly queues?: Readonly<Record<string, unknown>>;
    /** Topics with their subscriptions (and optional rules), as `TopicDefinition` describes them. */
    readonly topics?: Readonly<Record<string, unknown>>;
  };
  readonly cosmos?: {
    readonly databaseName: string;
    readonly containers?: Readonly<Record<string, ContainerDefinition>>;
  };
  readonly storage?: { readonly blobContainers?: Readonly<Record<string, { readonly name: string }>> };
}

/** The setting names an app reads each connection from: a connection string, or an identity-based address. */
export interface ConnectionSettingNames {
  readonly hostStorage: { readonly connectionString: string; readonly identity: string };
  readonly serviceBus: { readonly connectionString: string; readonly identity: string };
  readonly cosmos: { readonly connectionString: string; readonly identity: string };
  readonly storage: { readonly connectionString: string; readonly identity: string };
  readonly communication: { readonly connectionString: string; readonly identity: string };
}

/** The host's own names where it has one (`AzureWebJobsStorage`, `AzureWebJobsServiceBus`). */
export const defaultConnectionSettings: ConnectionSettingNames = {
  hostStorage: { connectionString: 'AzureWebJobsStorage', identity: 'AzureWebJobsStorage__accountName' },
  serviceBus: {
    connectionString: 'AzureWebJobsServiceBus',
    identity: 'AzureWebJobsServiceBus__fullyQualifiedNamespace',
  },
  cosmos: { connectionString: 'CosmosDbConnection', identity: 'CosmosDbConnection__accountEndpoint' },
  storage: { connectionString: 'AzureWebJobsStorage', identity: 'AzureWebJobsStorage__blobServiceUri' },
  communication: { connectionString: 'AcsConnection', identity: 'AcsConnection__endpoint' },
};

/**
 * Where the runtime publishes its clock for the hosted app (`globalThis[hostClockKey]`, an object
 * with `now(): Date`): in Azure nothing provides one, so an app falls back to real time.
 */
export const hostClockKey = Symbol.for('functions-local.hostClock');

export function provideHostClock(clock: { now(): Date } | undefined): void {
  (globalThis as Record<symbol, unknown>)[hostClockKey] = clock;
}
