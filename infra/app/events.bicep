// The Event Grid system topic on the Communication Services resource (Azure Verified Module),
// with one subscription for customers' SMS replies and one for SMS and email delivery reports.
// Each delivers to its webhook with the shared secret in a header marked secret (a delivery
// property, https://learn.microsoft.com/azure/event-grid/delivery-properties), never in the URL,
// and dead-letters what it cannot deliver (or what the app refuses with 400) into storage with
// the topic's own identity, as Storage accepts no shared keys.
import { roles } from '../roles.bicep'

param tags object
param resourceToken string
param communicationServiceId string
param storageAccountId string
param deadLetterContainerName string
@description('https://<app host>, where the webhooks are.')
param appBaseUrl string
@secure()
param webhookSecret string
@description('False until the code is deployed: Event Grid validates a webhook when the subscription is created (scripts/enable-event-subscriptions.mjs).')
param subscriptionsEnabled bool

// The first of the comma-separated secrets: during a rotation the app accepts both (docs/DEPLOY.md).
var secretHeader = [
  {
    name: 'x-webhook-secret'
    type: 'Static'
    properties: { value: first(split(webhookSecret, ',')), isSecret: true }
  }
]

var deadLetter = {
  identity: { type: 'SystemAssigned' }
  deadLetterDestination: {
    endpointType: 'StorageBlob'
    properties: { resourceId: storageAccountId, blobContainerName: deadLetterContainerName }
  }
}

// 30 attempts over at most a day (Event Grid's defaults, stated so they are visible); 400 and 401
// are never retried but dead-lettered at once (https://learn.microsoft.com/azure/event-grid/delivery-and-retry).
var retryPolicy = { maxDeliveryAttempts: 30, eventTimeToLiveInMinutes: 1440 }

var topicName = 'evgt-acs-${resourceToken}'

var subscriptions = [
  {
    name: 'sms-received'
    path: '/api/events/sms-received'
    eventTypes: ['Microsoft.Communication.SMSReceived']
  }
  {
    name: 'delivery-reports'
    path: '/api/events/acs-delivery'
    eventTypes: ['Microsoft.Communication.SMSDeliveryReportReceived', 'Microsoft.Communication.EmailDeliveryReportReceived']
  }
]

module systemTopic 'br/public:avm/res/event-grid/system-topic:0.7.0' = {
  name: 'acs-system-topic'
  params: {
    name: topicName
    // Communication Services is a global resource, so is its system topic.
    location: 'global'
    tags: tags
    source: communicationServiceId
    topicType: 'Microsoft.Communication.CommunicationServices'
    managedIdentities: { systemAssigned: true }
    externalResourceRoleAssignments: [
      {
        resourceId: storageAccountId
        roleDefinitionId: roles['Storage Blob Data Contributor']
        roleName: 'Storage Blob Data Contributor'
        description: 'Event Grid writes undeliverable ACS events to the dead-letter container'
      }
    ]
  }
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: topicName
}

// Declared here rather than through the module's `eventSubscriptions` parameter: that parameter is
// not @secure, so the webhook secret in it would be readable in the deployment's inputs by anyone
// with Reader on the resource group. After the module, so the topic and its dead-letter role exist.
resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = [
  for s in subscriptionsEnabled ? subscriptions : []: {
    parent: topic
    name: s.name
    properties: {
      eventDeliverySchema: 'EventGridSchema'
      filter: { includedEventTypes: s.eventTypes }
      destination: {
        endpointType: 'WebHook'
        properties: {
          endpointUrl: '${appBaseUrl}${s.path}'
          maxEventsPerBatch: 1
          preferredBatchSizeInKilobytes: 64
          deliveryAttributeMappings: secretHeader
        }
      }
      deadLetterWithResourceIdentity: deadLetter
      retryPolicy: retryPolicy
    }
    dependsOn: [systemTopic]
  }
]
