// The link-signing keys, the Event Grid webhook secret and the contact index's HMAC key live here (Azure Verified Module); the
// app reads them through Key Vault references with its user-assigned identity, so rotating
// (docs/DEPLOY.md) is a new secret version, not a redeploy.
import { roles } from '../roles.bicep'

param location string
param tags object
param resourceToken string
@secure()
param linkSigningKeys string
@secure()
param webhookSecret string
@secure()
param contactIndexKey string
param appPrincipalId string
param userPrincipalId string
@allowed(['User', 'ServicePrincipal'])
param userPrincipalType string
@description('Purge protection keeps a deleted vault (and its name) for the whole retention period: on for production, off (default) so `azd down --purge` then `azd up` works.')
param enablePurgeProtection bool = false

module vault 'br/public:avm/res/key-vault/vault:0.14.0' = {
  name: 'keyvault'
  params: {
    // Unique per subscription, environment and region (resourceToken). A soft-deleted vault keeps
    // its name, which is why purge protection is a choice and `azd down --purge` is documented.
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    sku: 'standard'
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    enablePurgeProtection: enablePurgeProtection
    enableVaultForDeployment: false
    enableVaultForDiskEncryption: false
    enableVaultForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    secrets: [
      { name: 'link-signing-keys', value: linkSigningKeys, contentType: 'application/json' }
      { name: 'webhook-secret', value: webhookSecret }
      { name: 'contact-index-key', value: contactIndexKey }
    ]
    // Assigned with the vault, before the Function App exists (main.bicep passes these outputs to
    // it), so the references resolve on the app's first start.
    roleAssignments: concat(
      [
        {
          principalId: appPrincipalId
          principalType: 'ServicePrincipal'
          roleDefinitionIdOrName: roles['Key Vault Secrets User']
        }
      ],
      empty(userPrincipalId)
        ? []
        : [
            {
              principalId: userPrincipalId
              principalType: userPrincipalType
              roleDefinitionIdOrName: roles['Key Vault Secrets Officer']
            }
          ]
    )
  }
}

output linkSigningKeysSecretUri string = vault.outputs.secrets[0].uri
output webhookSecretUri string = vault.outputs.secrets[1].uri
output contactIndexKeySecretUri string = vault.outputs.secrets[2].uri
