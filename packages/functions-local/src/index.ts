/**
 * `@fieldline/functions-local`: an Azure Functions v4 host for Node.js apps on one machine, with
 * embedded stand-ins for Service Bus, Cosmos DB, Blob storage, Communication Services, Durable
 * Functions and App Service Authentication. A library first; `functions-local` is the CLI on top.
 */
export * from './auth';
export * from './blob';
export * from './clock';
export * from './cosmos';
export * from './durable';
export * from './host';
export * from './log';
export * from './outbox';
export * from './resources';
export * from './runtime';
export * from './servicebus';
export * from './testing';
export type { FunctionsLocalConfig, SeedContext } from './cliConfig';
