import manifest from '../infra/resources.json';

/**
 * The resource manifest is the one place that names queues, containers and partition keys.
 * Everything else (app, local runtime, Bicep) reads it, so a rename cannot drift between them.
 */
export const resources = manifest;

export type QueueKey = keyof typeof manifest.serviceBus.queues;
export type ContainerKey = keyof typeof manifest.cosmos.containers;
export type BlobContainerKey = keyof typeof manifest.storage.blobContainers;

export type QueueDefinition = (typeof manifest.serviceBus.queues)[QueueKey];
export type ContainerDefinition = {
  readonly name: string;
  readonly partitionKeyPath: string;
  readonly defaultTtlSeconds?: number;
};

export const queueName = (key: QueueKey): string => manifest.serviceBus.queues[key].name;
export const containerDefinition = (key: ContainerKey): ContainerDefinition =>
  manifest.cosmos.containers[key];
export const blobContainerName = (key: BlobContainerKey): string => manifest.storage.blobContainers[key].name;
