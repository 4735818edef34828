export { createBlobServiceClient } from './blob';
export { createEmailClient, createSmsClient } from './communication';
export { cosmosStore, createCosmosClient, type CosmosStore } from './cosmos';
export { createServiceBusClient } from './serviceBus';
export { readConnection, type ConnectionSetting, type Settings } from './settings';
