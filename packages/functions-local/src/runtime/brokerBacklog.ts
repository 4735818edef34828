import type { FunctionDescriptor } from '../host';
import { subscriptionPath } from '../servicebus';
import type { StartedPart } from './embeddedParts';
import { defaultServiceBusConnection } from './serviceBusConnections';
import type { ServiceBusTriggerOptions } from './serviceBusTrigger';

/**
 * For a trigger reading from the embedded broker: how many messages of its queue or subscription are not settled
 * yet (waiting, or locked by a receiver). A real namespace cannot be asked cheaply, so triggers on
 * one only wait for the invocations they have started.
 */
export function pendingOnEmbeddedBroker(
  fn: FunctionDescriptor,
  entity: ServiceBusTriggerOptions['entity'],
  parts: readonly StartedPart[],
): Pick<ServiceBusTriggerOptions, 'pendingMessages'> {
  const part = parts.find((p): p is Extract<StartedPart, { name: 'serviceBus' }> => p.name === 'serviceBus');
  const connection =
    typeof fn.trigger['connection'] === 'string' ? fn.trigger['connection'] : defaultServiceBusConnection;
  if (!part || !(connection in part.settings)) return {};
  const broker = part.handle;
  const path =
    'queueName' in entity ? entity.queueName : subscriptionPath(entity.topicName, entity.subscriptionName);
  return {
    pendingMessages: () => {
      try {
        return broker.stats(path).active;
      } catch {
        return 0;
      }
    },
  };
}
