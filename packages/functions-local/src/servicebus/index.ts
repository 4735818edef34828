export {
  startServiceBusBroker,
  type QueueStats,
  type ServiceBusBroker,
  type ServiceBusBrokerOptions,
} from './broker';
export { QueueDefinition, queuesFromManifest } from './queueDefinition';
export {
  SubscriptionDefinition,
  TopicDefinition,
  subscriptionPath,
  topicsFromManifest,
} from './topicDefinition';
export { RuleDefinition, CorrelationFilter } from './rules/rule';
export {
  openFileBrokerJournal,
  type BrokerJournal,
  type EntityJournal,
  type PersistedMessage,
} from './brokerJournal';
