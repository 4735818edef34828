// Queues exactly as resources.json declares them (the local broker reads the same entries), in a
// namespace from the Azure Verified Module with local (SAS) auth off.
import { roles } from '../roles.bicep'

param location string
param tags object
param resourceToken string
@allowed(['Standard', 'Premium'])
param sku string
@description('serviceBus.queues from resources.json')
param queues object
param appPrincipalId string
param userPrincipalId string
@allowed(['User', 'ServicePrincipal'])
param userPrincipalType string

// The Service Bus trigger needs Data Owner for its scale monitoring, not only Data Receiver
// (https://learn.microsoft.com/azure/azure-functions/functions-bindings-service-bus-trigger#identity-based-connections).
var dataOwner = roles['Azure Service Bus Data Owner']

module namespace 'br/public:avm/res/service-bus/namespace:0.17.0' = {
  name: 'servicebus-namespace'
  params: {
    name: 'sb-${resourceToken}'
    location: location
    tags: tags
    skuObject: { name: sku }
    // Zone redundancy and partitions are Premium features.
    zoneRedundant: sku == 'Premium'
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    authorizationRules: []
    queues: [
      for q in items(queues): {
        name: q.value.name
        lockDuration: q.value.lockDuration
        maxDeliveryCount: q.value.maxDeliveryCount
        defaultMessageTimeToLive: q.value.defaultMessageTimeToLive
        deadLetteringOnMessageExpiration: q.value.deadLetteringOnMessageExpiration
        requiresDuplicateDetection: q.value.requiresDuplicateDetection
        duplicateDetectionHistoryTimeWindow: q.value.duplicateDetectionHistoryTimeWindow
        requiresSession: q.value.requiresSession
      }
    ]
    roleAssignments: concat(
      [{ principalId: appPrincipalId, principalType: 'ServicePrincipal', roleDefinitionIdOrName: dataOwner }],
      empty(userPrincipalId)
        ? []
        : [{ principalId: userPrincipalId, principalType: userPrincipalType, roleDefinitionIdOrName: dataOwner }]
    )
  }
}

output name string = namespace.outputs.name
output fullyQualifiedNamespace string = '${namespace.outputs.name}.servicebus.windows.net'
