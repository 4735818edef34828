import { app, output, type HttpRequest, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';

const outbound = output.serviceBusQueue({ queueName: 'test-out', connection: 'ServiceBusConnection' });

app.http('greet', {
  route: 'greet/{name}',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: (request: HttpRequest) => ({
    jsonBody: { hello: request.params['name'], q: request.query.get('q') },
  }),
});

app.serviceBusQueue('relay', {
  queueName: 'test-in',
  connection: 'ServiceBusConnection',
  extraOutputs: [outbound],
  handler: (message: unknown, context: InvocationContext) => {
    context.extraOutputs.set(outbound, {
      relayed: message,
      messageId: context.triggerMetadata?.['messageId'],
    });
  },
});

df.app.orchestration('sayTwice', function* (context) {
  const first: string = yield context.df.callActivity('echo', 'one');
  return [first, context.df.instanceId];
});

df.app.activity('echo', { handler: (input: string) => input.toUpperCase() });

const hookCalls: string[] = [];
app.hook.preInvocation((ctx) => {
  hookCalls.push(`pre:${ctx.invocationContext.functionName}`);
});
app.hook.appStart(() => {
  hookCalls.push('start');
});
export { hookCalls };
