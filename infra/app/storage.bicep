// The Functions host's account (Azure Verified Module): AzureWebJobsStorage, the Durable task hub
// (queues and tables), the deployment package and the Event Grid dead letters. People's files are
// in their own account (uploadStorage.bicep). Shared keys are off: every client uses an identity.
// No CORS: no browser ever talks to this account.
import { roles } from '../roles.bicep'

param location string
param tags object
param resourceToken string
param appPrincipalId string
@description('Object id of the deploying principal; empty for none.')
param userPrincipalId string
@allowed(['User', 'ServicePrincipal'])
param userPrincipalType string

var deploymentContainerName = 'app-package'
var deadLetterContainerName = 'eventgrid-deadletter'

// The Durable task hub needs blobs, queues and tables (docs: Durable Functions identity-based
// connections); the deploying principal gets the same to inspect them.
var dataRoles = [
  roles['Storage Blob Data Owner']
  roles['Storage Queue Data Contributor']
  roles['Storage Table Data Contributor']
]

module account 'br/public:avm/res/storage/storage-account:0.33.0' = {
  name: 'storage-account'
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    kind: 'StorageV2'
    skuName: 'Standard_LRS'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    dnsEndpointType: 'Standard'
    publicNetworkAccess: 'Enabled'
    // The module's default firewall denies everything; the app reaches storage over the internet
    // (no VNet) with its identity.
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
    blobServices: {
      containers: [
        { name: deploymentContainerName, publicAccess: 'None' }
        { name: deadLetterContainerName, publicAccess: 'None' }
      ]
    }
    roleAssignments: concat(
      map(dataRoles, role => {
        principalId: appPrincipalId
        principalType: 'ServicePrincipal'
        roleDefinitionIdOrName: role
      }),
      empty(userPrincipalId)
        ? []
        : map(dataRoles, role => {
            principalId: userPrincipalId
            principalType: userPrincipalType
            roleDefinitionIdOrName: role
          })
    )
  }
}

output name string = account.outputs.name
output resourceId string = account.outputs.resourceId
output blobServiceUri string = account.outputs.serviceEndpoints.blob
output deploymentContainerName string = deploymentContainerName
output deadLetterContainerName string = deadLetterContainerName
