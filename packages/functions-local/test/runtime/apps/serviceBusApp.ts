import { app, output, type HttpRequest, type InvocationContext } from '@azure/functions';

/** Service Bus triggers and outputs against the embedded broker (queues defined by the test). */

const relayed = output.serviceBusQueue({ queueName: 'rt-out', connection: 'ServiceBusConnection' });

app.serviceBusQueue('relay', {
  // Resolved from the app settings, as the host resolves %…% binding expressions.
  queueName: '%RelayQueue%',
  connection: 'ServiceBusConnection',
  extraOutputs: [relayed],
  handler: (message: unknown, context: InvocationContext) => {
    const metadata = context.triggerMetadata ?? {};
    const properties = (metadata['applicationProperties'] ?? {}) as Record<string, unknown>;
    context.extraOutputs.set(relayed, {
      relayed: message,
      messageId: metadata['messageId'],
      deliveryCount: metadata['deliveryCount'],
      source: properties['source'],
      hasLockToken: typeof metadata['lockToken'] === 'string',
      hasEnqueuedTime: typeof metadata['enqueuedTimeUtc'] === 'string',
    });
  },
});

export const poisonDeliveries: number[] = [];

app.serviceBusQueue('poison', {
  queueName: 'rt-poison',
  connection: 'ServiceBusConnection',
  handler: (_message: unknown, context: InvocationContext) => {
    poisonDeliveries.push(Number(context.triggerMetadata?.['deliveryCount']));
    throw new Error('cannot handle this message');
  },
});

const enqueued = output.serviceBusQueue({ queueName: 'rt-out', connection: 'ServiceBusConnection' });

app.http('enqueue', {
  route: 'enqueue',
  methods: ['POST'],
  extraOutputs: [enqueued],
  handler: async (request: HttpRequest, context: InvocationContext) => {
    context.extraOutputs.set(enqueued, [await request.json(), 'plain text']);
    return { status: 202 };
  },
});
