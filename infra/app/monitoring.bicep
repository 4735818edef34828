// Log Analytics and Application Insights (Azure Verified Modules). Local auth is off: the app
// sends telemetry with its identity, which gets Monitoring Metrics Publisher here.
import { roles } from '../roles.bicep'

param location string
param tags object
param resourceToken string
param appPrincipalId string

module logAnalytics 'br/public:avm/res/operational-insights/workspace:0.11.1' = {
  name: 'loganalytics'
  params: {
    name: 'log-${resourceToken}'
    location: location
    tags: tags
    dataRetention: 30
  }
}

module applicationInsights 'br/public:avm/res/insights/component:0.6.0' = {
  name: 'appinsights'
  params: {
    name: 'appi-${resourceToken}'
    location: location
    tags: tags
    workspaceResourceId: logAnalytics.outputs.resourceId
    disableLocalAuth: true
    roleAssignments: [
      {
        principalId: appPrincipalId
        principalType: 'ServicePrincipal'
        roleDefinitionIdOrName: roles['Monitoring Metrics Publisher']
      }
    ]
  }
}

output applicationInsightsConnectionString string = applicationInsights.outputs.connectionString
