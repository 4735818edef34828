import { app, input } from '@azure/functions';
import * as df from 'durable-functions';

/** Registers bindings no part of the runtime serves without plug-ins, to check the start-up error. */

app.storageQueue('legacyQueue', {
  queueName: 'legacy',
  connection: 'AzureWebJobsStorage',
  handler: () => undefined,
});

app.http('needsDurableClient', {
  route: 'needs-client',
  extraInputs: [df.input.durableClient()],
  handler: () => ({ status: 200 }),
});

app.http('readsTable', {
  route: 'table',
  extraInputs: [input.table({ tableName: 't', connection: 'AzureWebJobsStorage' })],
  handler: () => ({ status: 200 }),
});
