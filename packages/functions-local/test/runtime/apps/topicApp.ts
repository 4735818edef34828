import { app, output, type InvocationContext } from '@azure/functions';

/** Service Bus topic triggers and a topic output against the embedded broker (topics defined by the test). */

const published = output.serviceBusTopic({ topicName: 'rt-results', connection: 'ServiceBusConnection' });

app.serviceBusTopic('priorityOrders', {
  topicName: 'rt-orders',
  subscriptionName: '%PrioritySubscription%',
  connection: 'ServiceBusConnection',
  extraOutputs: [published],
  handler: (message: unknown, context: InvocationContext) => {
    const properties = (context.triggerMetadata?.['applicationProperties'] ?? {}) as Record<string, unknown>;
    context.extraOutputs.set(published, { seen: message, tier: properties['tier'] });
  },
});
