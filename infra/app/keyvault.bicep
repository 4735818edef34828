// The link-signing keys and the inbound-SMS webhook secret live here; the app reads them through a Key Vault reference, so rotating
// (docs/DEPLOY.md) is a new secret version, not a redeploy.
param location string
param tags object
param resourceToken string
@secure()
param linkSigningKeys string
@secure()
param smsEventsWebhookSecret string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-${resourceToken}'
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    enablePurgeProtection: true
  }

  resource linkKeys 'secrets' = {
    name: 'link-signing-keys'
    properties: {
      value: linkSigningKeys
      contentType: 'application/json'
    }
  }

  resource smsWebhookSecret 'secrets' = {
    name: 'sms-events-webhook-secret'
    properties: {
      value: smsEventsWebhookSecret
    }
  }
}

output name string = vault.name
output linkSigningKeysSecretUri string = '${vault.properties.vaultUri}secrets/link-signing-keys'
output smsEventsWebhookSecretUri string = '${vault.properties.vaultUri}secrets/sms-events-webhook-secret'
