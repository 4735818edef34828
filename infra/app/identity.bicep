// The app's user-assigned identity. Created first, so every role assignment (Key Vault included)
// exists before the Function App does and its Key Vault references resolve on first start; a
// system-assigned identity would only exist once the app does, after its settings are read.
param location string
param tags object
param resourceToken string

module identity 'br/public:avm/res/managed-identity/user-assigned-identity:0.6.0' = {
  name: 'identity'
  params: {
    name: 'id-api-${resourceToken}'
    location: location
    tags: tags
  }
}

output resourceId string = identity.outputs.resourceId
output principalId string = identity.outputs.principalId
output clientId string = identity.outputs.clientId
