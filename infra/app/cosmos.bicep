// Database and containers from resources.json (partition keys and TTL), in an account from the
// Azure Verified Module. Local keys are off: the app reaches the data plane with its identity
// through a Cosmos DB SQL role assignment.
import { cosmosDataContributor } from '../roles.bicep'

param location string
param tags object
param resourceToken string
param databaseName string
@description('cosmos.containers from resources.json')
param containers object
@description('Chosen when the account is created: ARM cannot turn a serverless account into a provisioned one or back (docs/DEPLOY.md).')
@allowed(['serverless', 'autoscale'])
param capacityMode string
param autoscaleMaxThroughput int
param appPrincipalId string
param userPrincipalId string

var serverless = capacityMode == 'serverless'

module account 'br/public:avm/res/document-db/database-account:0.20.1' = {
  name: 'cosmos-account'
  params: {
    name: 'cosmos-${resourceToken}'
    location: location
    tags: tags
    defaultConsistencyLevel: 'Session'
    disableLocalAuthentication: true
    disableKeyBasedMetadataWriteAccess: true
    capabilitiesToAdd: serverless ? ['EnableServerless'] : []
    // Single region; serverless accounts do not offer availability zones.
    zoneRedundant: false
    failoverLocations: [{ locationName: location, failoverPriority: 0, isZoneRedundant: false }]
    // Periodic backup is free (two copies) and available to serverless and provisioned accounts alike.
    backupPolicyType: 'Periodic'
    // The module's default closes the public endpoint; the app has no VNet.
    networkRestrictions: {
      publicNetworkAccess: 'Enabled'
      networkAclBypass: 'None'
      ipRules: []
      virtualNetworkRules: []
    }
    sqlDatabases: [
      {
        name: databaseName
        autoscaleSettingsMaxThroughput: serverless ? null : autoscaleMaxThroughput
        containers: [
          for c in items(containers): {
            name: c.value.name
            paths: [c.value.partitionKeyPath]
            kind: 'Hash'
            version: 2
            defaultTtl: c.value.?defaultTtlSeconds
            // Containers that list (journeys) index only what their queries filter and order by.
            indexingPolicy: c.value.?indexingPolicy
          }
        ]
      }
    ]
    sqlRoleAssignments: concat(
      [{ principalId: appPrincipalId, roleDefinitionId: cosmosDataContributor }],
      empty(userPrincipalId) ? [] : [{ principalId: userPrincipalId, roleDefinitionId: cosmosDataContributor }]
    )
  }
}

output endpoint string = account.outputs.endpoint
