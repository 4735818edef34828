import { app, input, output, type HttpRequest, type InvocationContext } from '@azure/functions';

/** Blob input and output bindings with binding expressions, against the embedded Azurite. */

// `dataType: 'string'` (function.json's property, which StorageBlobOptions leaves out) asks for text.
const note = input.generic({
  type: 'blob',
  path: 'inbox/{name}',
  connection: 'AzureWebJobsStorage',
  dataType: 'string',
});
const archived = output.storageBlob({ path: 'archive/{category}/{name}', connection: 'AzureWebJobsStorage' });

app.http('archiveNote', {
  route: 'notes/{name}',
  methods: ['POST'],
  authLevel: 'anonymous',
  extraInputs: [note],
  extraOutputs: [archived],
  handler: (_request: HttpRequest, context: InvocationContext) => {
    const text = context.extraInputs.get(note);
    if (text === null || text === undefined) return { status: 404, jsonBody: { found: false } };
    context.extraOutputs.set(archived, `${String(text).toUpperCase()}`);
    return { status: 200, jsonBody: { found: true, length: String(text).length } };
  },
});

const attachment = input.storageBlob({ path: 'inbox/{file}', connection: 'AzureWebJobsStorage' });
const copy = output.storageBlob({ path: 'copies/{MessageId}.bin', connection: 'AzureWebJobsStorage' });

app.serviceBusQueue('copyAttachment', {
  queueName: 'blob-jobs',
  connection: 'ServiceBusConnection',
  extraInputs: [attachment],
  extraOutputs: [copy],
  handler: (_message: unknown, context: InvocationContext) => {
    const bytes = context.extraInputs.get(attachment) as Buffer;
    context.extraOutputs.set(copy, Buffer.concat([bytes, Buffer.from([0xff])]));
  },
});

app.serviceBusQueue('saveJson', {
  queueName: 'json-jobs',
  connection: 'ServiceBusConnection',
  // `{id}` is a property of the message's JSON body.
  return: output.storageBlob({ path: 'json/{id}.json', connection: 'AzureWebJobsStorage' }),
  handler: (message: unknown) => ({ saved: message }),
});

app.http('identityOnly', {
  route: 'identity',
  methods: ['GET'],
  authLevel: 'anonymous',
  extraInputs: [input.storageBlob({ path: 'inbox/x', connection: 'IdentityStorage' })],
  handler: () => ({ status: 200 }),
});
