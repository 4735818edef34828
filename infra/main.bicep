targetScope = 'subscription'

// Fieldline on Azure: a Flex Consumption Function App with a user-assigned identity and
// identity-based connections to Service Bus, Cosmos DB, Storage, Communication Services, Key
// Vault and Azure Maps; an Event Grid system topic on Communication Services for SMS replies and
// delivery reports.
// Resources come from Azure Verified Modules (br/public:avm/...) wrapped one concern per file in
// app/. Queue, container and blob names come from resources.json, the file the app reads too.

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used to derive a unique suffix for every resource.')
param environmentName string

@minLength(1)
@description('Region for all resources (must offer Flex Consumption).')
@metadata({ azd: { type: 'location' } })
param location string

@description('Object id of the principal running azd, granted data access for debugging and secret rotation. Empty for none.')
param principalId string = ''

@description('What principalId is: azd passes User for a signed-in person, ServicePrincipal for CI (AZURE_PRINCIPAL_TYPE).')
@allowed(['User', 'ServicePrincipal'])
param principalType string = 'User'

@secure()
@description('JSON array of link-signing keys: [{"kid":"k1","secret":"<32+ random bytes, base64>"}]. Stored in Key Vault.')
param linkSigningKeys string

@secure()
@description('Secret the Event Grid subscriptions send in the x-webhook-secret header. Stored in Key Vault.')
param smsEventsWebhookSecret string

@secure()
@description('HMAC key of the contact index (phone and email lookups), 32+ random bytes. Stored in Key Vault.')
param contactIndexKey string

@description('Client id of the Entra ID app registration technicians, agents, dispatchers and ops sign in with (app roles technician, agent, dispatcher, ops). Empty keeps the staff APIs closed.')
param staffAuthClientId string = ''

@description('Deploy an Azure Maps account (Entra ID only) for road travel times in route planning and the dispatch board\'s map tiles; false prices travel great-circle and draws the board map from coordinates alone.')
param azureMaps bool = true

@description('SMS sender for the country served: an E.164 number bought in Communication Services (two-way), an alphanumeric sender ID (one-way) or "none" (email only). Empty starts the app with SMS off and /api/health reporting it.')
param smsSender string = ''
@description('Each utility\'s customer contact: JSON array of {utilityCode, name, phone, email?}.')
param utilityContacts string = '[]'

@description('Cosmos DB capacity mode, fixed when the account is created: serverless suits pilots, provisioned autoscale national roll-outs.')
@allowed(['serverless', 'autoscale'])
param cosmosCapacityMode string = 'serverless'

@description('Autoscale ceiling (RU/s) for the database when cosmosCapacityMode is autoscale.')
param cosmosAutoscaleMaxThroughput int = 4000

@description('Service Bus tier: Standard is the minimum for duplicate detection; Premium for isolation and scale.')
@allowed(['Standard', 'Premium'])
param serviceBusSku string = 'Standard'

@description('Key Vault purge protection: true for production; false lets `azd down --purge` free the vault name at once.')
param keyVaultPurgeProtection bool = false

@description('Set by scripts/enable-event-subscriptions.mjs after the first deploy, once the webhooks can answer Event Grid\'s validation.')
param eventGridSubscriptionsEnabled bool = false

var manifest = loadJsonContent('resources.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    appPrincipalId: identity.outputs.principalId
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

module uploadStorage 'app/uploadStorage.bicep' = {
  name: 'upload-storage'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    blobContainers: manifest.storage.blobContainers
    // The app's host name as api.bicep derives it (func-<token>), known before the site exists.
    appOrigin: 'https://func-${resourceToken}.azurewebsites.net'
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
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
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
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
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
  }
}

module communication 'app/communication.bicep' = {
  name: 'communication'
  scope: rg
  params: {
    tags: tags
    resourceToken: resourceToken
    appPrincipalId: identity.outputs.principalId
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
    webhookSecret: smsEventsWebhookSecret
    contactIndexKey: contactIndexKey
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
    enablePurgeProtection: keyVaultPurgeProtection
  }
}

module maps 'app/maps.bicep' = if (azureMaps) {
  name: 'maps'
  scope: rg
  params: {
    tags: tags
    resourceToken: resourceToken
    appPrincipalId: identity.outputs.principalId
  }
}

// Every output it takes comes from a module that also assigns the identity its role there, so
// ARM creates the app only after all its role assignments, Key Vault Secrets User included.
module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    identityResourceId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    blobServiceUri: storage.outputs.blobServiceUri
    filesBlobServiceUri: uploadStorage.outputs.blobServiceUri
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    cosmosEndpoint: cosmos.outputs.endpoint
    communicationEndpoint: communication.outputs.endpoint
    communicationResourceId: communication.outputs.resourceId
    emailSender: communication.outputs.emailSender
    smsSender: smsSender
    utilityContacts: utilityContacts
    linkSigningKeysSecretUri: keyVault.outputs.linkSigningKeysSecretUri
    webhookSecretUri: keyVault.outputs.webhookSecretUri
    contactIndexKeySecretUri: keyVault.outputs.contactIndexKeySecretUri
    staffAuthClientId: staffAuthClientId
    azureMapsClientId: azureMaps ? maps!.outputs.clientId : ''
  }
}

module events 'app/events.bicep' = {
  name: 'events'
  scope: rg
  params: {
    tags: tags
    resourceToken: resourceToken
    communicationServiceId: communication.outputs.resourceId
    storageAccountId: storage.outputs.resourceId
    deadLetterContainerName: storage.outputs.deadLetterContainerName
    appBaseUrl: api.outputs.uri
    webhookSecret: smsEventsWebhookSecret
    subscriptionsEnabled: eventGridSubscriptionsEnabled
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output SERVICE_BUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
