// The Function App on Flex Consumption with a system-assigned identity. Every connection is
// identity-based (`<Connection>__<address>`): no keys or connection strings in app settings.
param location string
param tags object
param resourceToken string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsConnectionString string
param serviceBusNamespace string
param cosmosEndpoint string
param blobServiceUri string
param communicationEndpoint string
param emailSender string
param smsFromNumber string
@description('Each utility\'s customer contact (JSON array of {utilityCode, name, phone, email?}), shown on the customer pages.')
param utilityContacts string = '[]'
param linkSigningKeysSecretUri string
param smsEventsWebhookSecretUri string
@description('Client id of the Entra ID app registration staff sign in with; empty keeps the staff APIs closed.')
param staffAuthClientId string = ''
param maximumInstanceCount int = 100
param instanceMemoryMB int = 2048

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

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${resourceToken}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: 'func-${resourceToken}'
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: { name: 'node', version: '20' }
    }
  }

  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      AzureWebJobsStorage__accountName: storage.name
      AzureWebJobsStorage__credential: 'managedidentity'
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
      ServiceBusConnection__fullyQualifiedNamespace: serviceBusNamespace
      CosmosDbConnection__accountEndpoint: cosmosEndpoint
      StorageConnection__blobServiceUri: blobServiceUri
      AcsConnection__endpoint: communicationEndpoint
      AcsEmailSender: emailSender
      AcsSmsFrom: smsFromNumber
      UtilityContacts: utilityContacts
      LinkSigningKeys: '@Microsoft.KeyVault(SecretUri=${linkSigningKeysSecretUri})'
      SmsEventsWebhookSecret: '@Microsoft.KeyVault(SecretUri=${smsEventsWebhookSecretUri})'
      PublicBaseUrl: 'https://${functionApp.properties.defaultHostName}'
    }
  }

  // App Service Authentication on, anonymous allowed: customers' links and Event Grid still reach
  // their endpoints, while x-ms-client-principal can only come from the platform (it drops the
  // header when a caller sends it), so the staff APIs' role checks rest on a real sign-in.
  resource authSettings 'config' = {
    name: 'authsettingsV2'
    properties: {
      platform: { enabled: true }
      globalValidation: { requireAuthentication: false, unauthenticatedClientAction: 'AllowAnonymous' }
      identityProviders: empty(staffAuthClientId) ? {} : staffIdentityProvider
      login: { tokenStore: { enabled: false } }
    }
  }
}

output name string = functionApp.name
output uri string = 'https://${functionApp.properties.defaultHostName}'
output principalId string = functionApp.identity.principalId
