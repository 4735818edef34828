/* eslint-disable @typescript-eslint/no-require-imports, no-undef -- a built CommonJS app, as the samples compile to */
// Shapes of the durable-functions TypeScript samples (Azure/azure-functions-durable-js, samples-ts,
// MIT License, Copyright (c) Microsoft Corporation), written anew as plain JavaScript for this suite.
const { app } = require('@azure/functions');
const df = require('durable-functions');

app.http('httpStart', {
  route: 'orchestrators/{orchestratorName}',
  extraInputs: [df.input.durableClient()],
  handler: async (request, context) => {
    const client = df.getClient(context);
    const text = await request.text();
    const instanceId = await client.startNew(request.params.orchestratorName, {
      ...(text === '' ? {} : { input: JSON.parse(text) }),
    });
    context.log(`Started orchestration with ID = '${instanceId}'.`);
    return client.createCheckStatusResponse(request, instanceId);
  },
});

app.http('httpSyncStart', {
  route: 'orchestrators/{orchestratorName}/wait',
  methods: ['POST'],
  extraInputs: [df.input.durableClient()],
  handler: async (request, context) => {
    const client = df.getClient(context);
    const text = await request.text();
    const instanceId = await client.startNew(request.params.orchestratorName, {
      ...(text === '' ? {} : { input: JSON.parse(text) }),
    });
    return client.waitForCompletionOrCreateCheckStatusResponse(request, instanceId, {
      timeoutInMilliseconds: 10000,
      retryIntervalInMilliseconds: 200,
    });
  },
});
