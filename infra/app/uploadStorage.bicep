// The account for people's files (customer uploads, technician photos, privacy exports: the blob
// containers of resources.json), apart from the Functions host's account, so a leaked upload URL
// or a browser's CORS request can reach nothing of the host's (task hub, deployment package).
// Browsers may PUT only from the app's own origin; uploads land in the incoming container with a
// create-only SAS, the app copies a checked file to its final name and a lifecycle rule removes
// whatever was never completed.
import { roles } from '../roles.bicep'

param location string
param tags object
param resourceToken string
@description('storage.blobContainers from resources.json')
param blobContainers object
@description('https://<app host>: the only origin the self-service page uploads from.')
param appOrigin string
param appPrincipalId string
@description('Object id of the deploying principal; empty for none.')
param userPrincipalId string
@allowed(['User', 'ServicePrincipal'])
param userPrincipalType string

// Read, write and delete blobs, and get the user delegation key that signs upload URLs.
var dataRoles = [roles['Storage Blob Data Contributor']]

module account 'br/public:avm/res/storage/storage-account:0.33.0' = {
  name: 'upload-storage-account'
  params: {
    name: 'stf${resourceToken}'
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
    // Phones upload over the internet with a short-lived URL; the app uses its identity.
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
    blobServices: {
      corsRules: [
        {
          allowedOrigins: [appOrigin]
          allowedMethods: ['PUT']
          allowedHeaders: ['content-type', 'x-ms-blob-type', 'x-ms-version', 'x-ms-date']
          exposedHeaders: ['etag']
          maxAgeInSeconds: 600
        }
      ]
      containers: map(items(blobContainers), container => { name: container.value.name, publicAccess: 'None' })
    }
    managementPolicyRules: [
      {
        // An upload URL lives ten minutes and completion copies the file away at once: anything
        // still in the incoming container a day later was never completed.
        name: 'delete-incomplete-uploads'
        enabled: true
        type: 'Lifecycle'
        definition: {
          filters: { blobTypes: ['blockBlob'], prefixMatch: ['${blobContainers.uploadsIncoming.name}/'] }
          actions: { baseBlob: { delete: { daysAfterCreationGreaterThan: 1 } } }
        }
      }
    ]
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
