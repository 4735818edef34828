export {
  startServiceBusBroker,
  type QueueStats,
  type ServiceBusBroker,
  type ServiceBusBrokerOptions,
} from './broker';
export { QueueDefinition, queuesFromManifest } from './queueDefinition';
