// One account serves the Functions host (AzureWebJobsStorage), the Durable task hub (queues and
// tables), the deployment package and the customers'/technicians' uploads. Shared keys are off:
// every client uses the app's identity, and upload URLs are user-delegation SAS.
param location string
param tags object
param resourceToken string
@description('storage.blobContainers from resources.json')
param blobContainers object

var deploymentContainerName = 'app-package'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st${resourceToken}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    dnsEndpointType: 'Standard'
  }

  resource blobService 'blobServices' = {
    name: 'default'
    properties: {
      cors: {
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
      }
    }

    resource deployment 'containers' = {
      name: deploymentContainerName
    }

    resource appContainers 'containers' = [
      for container in items(blobContainers): {
        name: container.value.name
        properties: { publicAccess: 'None' }
      }
    ]
  }
}

output name string = account.name
output blobServiceUri string = account.properties.primaryEndpoints.blob
output deploymentContainerName string = deploymentContainerName
