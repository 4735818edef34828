import { app, input, output } from '@azure/functions';
import * as df from 'durable-functions';

/** Registers bindings no part of the runtime serves without plug-ins: those functions are in error, the rest run. */

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

/** A generic output binding the local runtime does not deliver (as the samples' `twilioSms`). */
app.http('textsCustomer', {
  route: 'text',
  extraOutputs: [
    output.generic({
      type: 'twilioSms',
      name: 'message',
      from: '+1',
      accountSidSetting: 'x',
      authTokenSetting: 'y',
    }),
  ],
  handler: () => ({ status: 200 }),
});

/** Needs nothing the runtime lacks: it keeps running next to the functions in error. */
app.http('stillServed', {
  route: 'fine',
  authLevel: 'anonymous',
  handler: () => ({ body: 'fine' }),
});
