// Database and containers from resources.json (partition keys and TTL). Local keys are disabled:
// the app reaches the data plane with its identity through a Cosmos DB SQL role assignment.
param location string
param tags object
param resourceToken string
param databaseName string
@description('cosmos.containers from resources.json')
param containers object
@allowed(['serverless', 'autoscale'])
param capacityMode string
param autoscaleMaxThroughput int

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: 'cosmos-${resourceToken}'
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    locations: [{ locationName: location, failoverPriority: 0, isZoneRedundant: false }]
    capabilities: capacityMode == 'serverless' ? [{ name: 'EnableServerless' }] : []
  }

  resource database 'sqlDatabases' = {
    name: databaseName
    properties: {
      resource: { id: databaseName }
      options: capacityMode == 'autoscale' ? { autoscaleSettings: { maxThroughput: autoscaleMaxThroughput } } : {}
    }

    resource container 'containers' = [
      for c in items(containers): {
        name: c.value.name
        properties: {
          resource: union(
            {
              id: c.value.name
              partitionKey: { paths: [c.value.partitionKeyPath], kind: 'Hash', version: 2 }
            },
            contains(c.value, 'defaultTtlSeconds') ? { defaultTtl: c.value.defaultTtlSeconds } : {}
          )
        }
      }
    ]
  }
}

output name string = account.name
output endpoint string = account.properties.documentEndpoint
