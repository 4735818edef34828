targetScope = 'subscription'

// Fieldline on Azure: Flex Consumption Function App with identity-based connections to
// Service Bus, Cosmos DB, Storage, Communication Services and Key Vault.
// Queue, container and blob names come from resources.json, the file the app reads too.

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used to derive a unique suffix for every resource.')
param environmentName string

@minLength(1)
@description('Region for all resources (must offer Flex Consumption).')
@metadata({ azd: { type: 'location' } })
param location string

@description('Object id of the deploying user, granted data access for debugging. Leave empty in production.')
param principalId string = ''

@secure()
@description('JSON array of link-signing keys: [{"kid":"k1","secret":"<32+ random bytes, base64>"}]. Stored in Key Vault.')
param linkSigningKeys string

@secure()
@description('Secret the Event Grid subscription for inbound SMS puts in the webhook URL (?secret=). Stored in Key Vault.')
param smsEventsWebhookSecret string

@description('Client id of the Entra ID app registration technicians, agents, dispatchers and ops sign in with (app roles technician, agent, dispatcher, ops). Empty keeps the staff APIs closed.')
param staffAuthClientId string = ''

@description('E.164 number purchased in Communication Services for SMS; empty until one is acquired.')
param smsFromNumber string = ''
@description('Each utility\'s customer contact: JSON array of {utilityCode, name, phone, email?}.')
param utilityContacts string = '[]'

@description('Cosmos DB capacity mode: serverless suits pilots, provisioned autoscale suits national roll-outs.')
@allowed(['serverless', 'autoscale'])
param cosmosCapacityMode string = 'serverless'

@description('Autoscale ceiling (RU/s) for the database when cosmosCapacityMode is autoscale.')
param cosmosAutoscaleMaxThroughput int = 4000

@description('Service Bus tier: Standard is the minimum for duplicate detection; Premium for isolation and scale.')
@allowed(['Standard', 'Premium'])
param serviceBusSku string = 'Standard'

var manifest = loadJsonContent('resources.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    blobContainers: manifest.storage.blobContainers
  }
}

module serviceBus 'app/servicebus.bicep' = {
  name: 'servicebus'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    sku: serviceBusSku
    queues: manifest.serviceBus.queues
  }
}

module cosmos 'app/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    databaseName: manifest.cosmos.databaseName
    containers: manifest.cosmos.containers
    capacityMode: cosmosCapacityMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
  }
}

module communication 'app/communication.bicep' = {
  name: 'communication'
  scope: rg
  params: {
    tags: tags
    resourceToken: resourceToken
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    linkSigningKeys: linkSigningKeys
    smsEventsWebhookSecret: smsEventsWebhookSecret
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    cosmosEndpoint: cosmos.outputs.endpoint
    blobServiceUri: storage.outputs.blobServiceUri
    communicationEndpoint: communication.outputs.endpoint
    emailSender: communication.outputs.emailSender
    smsFromNumber: smsFromNumber
    utilityContacts: utilityContacts
    linkSigningKeysSecretUri: keyVault.outputs.linkSigningKeysSecretUri
    smsEventsWebhookSecretUri: keyVault.outputs.smsEventsWebhookSecretUri
    staffAuthClientId: staffAuthClientId
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    appPrincipalId: api.outputs.principalId
    userPrincipalId: principalId
    storageAccountName: storage.outputs.name
    serviceBusNamespaceName: serviceBus.outputs.name
    cosmosAccountName: cosmos.outputs.name
    communicationServiceName: communication.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output SERVICE_BUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
