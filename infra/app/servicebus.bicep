// Queues exactly as resources.json declares them; the local broker reads the same entries.
param location string
param tags object
param resourceToken string
@allowed(['Standard', 'Premium'])
param sku string
@description('serviceBus.queues from resources.json')
param queues object

resource namespace 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: 'sb-${resourceToken}'
  location: location
  tags: tags
  sku: { name: sku, tier: sku }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }

  resource queue 'queues' = [
    for q in items(queues): {
      name: q.value.name
      properties: {
        lockDuration: q.value.lockDuration
        maxDeliveryCount: q.value.maxDeliveryCount
        defaultMessageTimeToLive: q.value.defaultMessageTimeToLive
        deadLetteringOnMessageExpiration: q.value.deadLetteringOnMessageExpiration
        requiresDuplicateDetection: q.value.requiresDuplicateDetection
        duplicateDetectionHistoryTimeWindow: q.value.duplicateDetectionHistoryTimeWindow
        requiresSession: q.value.requiresSession
      }
    }
  ]
}

output name string = namespace.name
output fullyQualifiedNamespace string = '${namespace.name}.servicebus.windows.net'
