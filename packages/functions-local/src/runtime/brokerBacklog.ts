import type { FunctionDescriptor } from '../host';
import type { StartedPart } from './embeddedParts';
import { defaultServiceBusConnection } from './serviceBusConnections';
import type { ServiceBusTriggerOptions } from './serviceBusTrigger';

/**
 * For a trigger reading from the embedded broker: how many messages of its queue are not settled
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
  if (!part || !(connection in part.settings) || !('queueName' in entity)) return {};
  const broker = part.handle;
  return {
    pendingMessages: () => {
      try {
        return broker.stats(entity.queueName).active;
      } catch {
        return 0;
      }
    },
  };
}
