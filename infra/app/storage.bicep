// One account (Azure Verified Module) serves the Functions host (AzureWebJobsStorage), the Durable
// task hub (queues and tables), the deployment package, the uploads from resources.json and the
// Event Grid dead letters. Shared keys are off: every client uses an identity, and upload URLs
// are user-delegation SAS (which Storage Blob Data Owner may issue).
import { roles } from '../roles.bicep'

param location string
param tags object
param resourceToken string
@description('storage.blobContainers from resources.json')
param blobContainers object
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
      // The self-service page uploads straight to Blob with a short-lived URL.
      corsRules: [
        {
          allowedOrigins: ['*']
          allowedMethods: ['PUT']
          allowedHeaders: ['content-type', 'x-ms-blob-type', 'x-ms-version', 'x-ms-date']
          exposedHeaders: ['etag']
          maxAgeInSeconds: 600
        }
      ]
      containers: concat(
        [{ name: deploymentContainerName, publicAccess: 'None' }, { name: deadLetterContainerName, publicAccess: 'None' }],
        map(items(blobContainers), container => { name: container.value.name, publicAccess: 'None' })
      )
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
