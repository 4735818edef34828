// Shapes of the durable-functions TypeScript samples (Azure/azure-functions-durable-js, samples-ts,
// MIT License, Copyright (c) 2017 Microsoft): httpStart, sayHello, counter, fan-out/fan-in.
// Written anew for this suite; the orchestration bodies follow the samples' documented behaviour.
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { EntityContext, OrchestrationContext } from 'durable-functions';

app.http('httpStart', {
  route: 'orchestrators/{orchestratorName}',
  extraInputs: [df.input.durableClient()],
  handler: async (request: HttpRequest, context: InvocationContext) => {
    const client = df.getClient(context);
    const text = await request.text();
    const instanceId = await client.startNew(request.params['orchestratorName'] ?? '', {
      ...(text === '' ? {} : { input: JSON.parse(text) as unknown }),
    });
    return client.createCheckStatusResponse(request, instanceId);
  },
});

df.app.activity('sayHello', { handler: (city: string) => `Hello ${city}` });

df.app.orchestration('helloSequence', function* (context: OrchestrationContext) {
  const out: string[] = [];
  for (const city of ['Tokyo', 'Seattle', 'Cairo']) out.push(yield context.df.callActivity('sayHello', city));
  return out;
});

df.app.orchestration('fanOutFanIn', function* (context: OrchestrationContext) {
  const cities = context.df.getInput<string[]>();
  const results: string[] = yield context.df.Task.all(
    cities.map((c) => context.df.callActivity('sayHello', c)),
  );
  return results.length;
});

df.app.entity('counterEntity', (context: EntityContext<number>) => {
  let value = context.df.getState(() => 0) ?? 0;
  if (context.df.operationName === 'add') value += context.df.getInput<number>() ?? 0;
  if (context.df.operationName === 'reset') value = 0;
  if (context.df.operationName === 'get') context.df.return(value);
  context.df.setState(value);
});

df.app.orchestration('counterOrchestration', function* (context: OrchestrationContext) {
  const entityId = new df.EntityId('counterEntity', 'myCounter');
  const current: number = yield context.df.callEntity(entityId, 'get');
  if (current < 10) yield context.df.callEntity(entityId, 'add', 1);
  return current + 1;
});
