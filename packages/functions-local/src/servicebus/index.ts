export {
  startServiceBusBroker,
  type QueueStats,
  type ServiceBusBroker,
  type ServiceBusBrokerOptions,
} from './broker';
export { QueueDefinition, queuesFromManifest } from './queueDefinition';
export {
  openFileBrokerJournal,
  type BrokerJournal,
  type EntityJournal,
  type PersistedMessage,
} from './brokerJournal';
