// The Function App on Flex Consumption (Azure Verified Modules for the plan and the site) with a
// user-assigned identity. Every connection is identity-based (`<Connection>__<address>` plus
// `__credential`/`__clientId`, https://learn.microsoft.com/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity):
// no keys or connection strings in app settings.
param location string
param tags object
param resourceToken string
param identityResourceId string
param identityClientId string
param storageAccountName string
@description('Blob endpoint of the host account: the deployment package.')
param blobServiceUri string
@description('Blob endpoint of the files account (uploadStorage.bicep): StorageConnection.')
param filesBlobServiceUri string
param deploymentContainerName string
param applicationInsightsConnectionString string
param serviceBusNamespace string
param cosmosEndpoint string
param communicationEndpoint string
@description('ARM id of the Communication Services resource: the only Event Grid topic the webhooks accept events from.')
param communicationResourceId string
param emailSender string
@description('AcsSmsFrom: an E.164 number, an alphanumeric sender ID, or "none"; empty is reported by /api/health.')
param smsSender string
@description('Each utility\'s customer contact (JSON array of {utilityCode, name, phone, email?}), shown on the customer pages.')
param utilityContacts string = '[]'
param linkSigningKeysSecretUri string
param webhookSecretUri string
param contactIndexKeySecretUri string
@description('Client id of the Entra ID app registration staff sign in with; empty keeps the staff APIs closed.')
param staffAuthClientId string = ''
@description('Client id (uniqueId) of an Azure Maps account the app identity reads with Azure Maps Data Reader; empty prices travel great-circle.')
param azureMapsClientId string = ''
param maximumInstanceCount int = 100
param instanceMemoryMB int = 2048

var name = 'func-${resourceToken}'
// Known before the site exists, so PublicBaseUrl needs no self-reference.
var hostName = '${name}.azurewebsites.net'

var identityConnection = { credential: 'managedidentity', clientId: identityClientId }

var appSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: identityConnection.credential
  AzureWebJobsStorage__clientId: identityConnection.clientId
  // DefaultAzureCredential in the app's own SDK clients picks the user-assigned identity by this.
  AZURE_CLIENT_ID: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  ServiceBusConnection__fullyQualifiedNamespace: serviceBusNamespace
  ServiceBusConnection__credential: identityConnection.credential
  ServiceBusConnection__clientId: identityConnection.clientId
  CosmosDbConnection__accountEndpoint: cosmosEndpoint
  StorageConnection__blobServiceUri: filesBlobServiceUri
  AcsConnection__endpoint: communicationEndpoint
  AcsResourceId: communicationResourceId
  AcsEmailSender: emailSender
  AcsSmsFrom: smsSender
  UtilityContacts: utilityContacts
  AzureMapsClientId: azureMapsClientId
  // Resolved with the identity named by keyVaultAccessIdentityResourceId below, whose Key Vault
  // Secrets User assignment main.bicep creates before this app.
  LinkSigningKeys: '@Microsoft.KeyVault(SecretUri=${linkSigningKeysSecretUri})'
  SmsEventsWebhookSecret: '@Microsoft.KeyVault(SecretUri=${webhookSecretUri})'
  ContactIndexKey: '@Microsoft.KeyVault(SecretUri=${contactIndexKeySecretUri})'
  PublicBaseUrl: 'https://${hostName}'
  // The host reads no request body past this (413): 24 MiB, hostMaxRequestBodyBytes in
  // functions/selfService/boundedBody.ts; every route caps its own below it.
  FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: '25165824'
}

var staffIdentityProvider = {
  azureActiveDirectory: {
    enabled: true
    registration: {
      clientId: staffAuthClientId
      openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
    }
    validation: { allowedAudiences: ['api://${staffAuthClientId}', staffAuthClientId] }
  }
}

module plan 'br/public:avm/res/web/serverfarm:0.7.0' = {
  name: 'plan'
  params: {
    name: 'plan-${resourceToken}'
    location: location
    tags: tags
    kind: 'functionapp'
    skuName: 'FC1'
    reserved: true
    zoneRedundant: false
  }
}

module site 'br/public:avm/res/web/site:0.24.0' = {
  name: 'site'
  params: {
    name: name
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    kind: 'functionapp,linux'
    serverFarmResourceId: plan.outputs.resourceId
    httpsOnly: true
    managedIdentities: { userAssignedResourceIds: [identityResourceId] }
    keyVaultAccessIdentityResourceId: identityResourceId
    // The module's default turns Always On on, which Flex Consumption does not have.
    siteConfig: {
      alwaysOn: false
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobServiceUri}${deploymentContainerName}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityResourceId }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // Node 20 left Azure Functions support in April 2026 (https://learn.microsoft.com/azure/azure-functions/functions-versions#languages).
      runtime: { name: 'node', version: '22' }
    }
    configs: [
      {
        name: 'appsettings'
        properties: appSettings
        // Only what is declared here: a setting removed from this file leaves the app too.
        retainCurrentAppSettings: false
      }
      {
        // App Service Authentication on, anonymous allowed: customers' links and Event Grid still
        // reach their endpoints, while x-ms-client-principal can only come from the platform
        // ("External requests aren't allowed to set these headers",
        // https://learn.microsoft.com/azure/app-service/configure-authentication-user-identities),
        // so the staff APIs' role checks rest on a real sign-in. `npm run smoke` proves it.
        name: 'authsettingsV2'
        properties: {
          platform: { enabled: true }
          globalValidation: { requireAuthentication: false, unauthenticatedClientAction: 'AllowAnonymous' }
          httpSettings: { requireHttps: true }
          identityProviders: empty(staffAuthClientId) ? {} : staffIdentityProvider
          login: { tokenStore: { enabled: false } }
        }
      }
    ]
  }
}

output name string = site.outputs.name
output uri string = 'https://${site.outputs.defaultHostname}'
