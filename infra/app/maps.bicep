// Azure Maps (Gen2) for road travel times in route planning and the dispatch board's map tiles,
// through the Azure Verified Module. Entra ID only: disableLocalAuth turns off the shared keys and
// SAS tokens, so the only way in is the app's identity with "Azure Maps Data Reader" (read-only
// data plane: Route Matrix, Render tiles) plus the account's client id (x-ms-client-id) as the app
// setting AzureMapsClientId. The module does not output that client id, so the account is read
// back as an existing resource for its uniqueId.
import { roles } from '../roles.bicep'

param tags object
param resourceToken string
@description('Azure Maps accounts live in a few regions only (not every Flex Consumption region); requests are processed in its geography.')
param location string = 'westeurope'
param appPrincipalId string

var name = 'map-${resourceToken}'

module account 'br/public:avm/res/maps/account:0.2.1' = {
  name: 'maps-account'
  params: {
    name: name
    location: location
    tags: tags
    sku: 'G2'
    kind: 'Gen2'
    disableLocalAuth: true
    roleAssignments: [
      {
        principalId: appPrincipalId
        principalType: 'ServicePrincipal'
        roleDefinitionIdOrName: roles['Azure Maps Data Reader']
      }
    ]
  }
}

// Read in the outputs, which ARM evaluates once the module's deployment has finished.
resource deployed 'Microsoft.Maps/accounts@2023-06-01' existing = {
  name: name
}

output resourceId string = account.outputs.resourceId
@description('The account\'s uniqueId: what Entra-authenticated calls send as x-ms-client-id.')
output clientId string = deployed.properties.uniqueId
