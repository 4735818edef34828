// Communication Services and an Email service with an Azure-managed domain
// (DoNotReply@<guid>.azurecomm.net), so a first deployment can send at once; a custom domain is a
// later, manual DNS step (docs/DEPLOY.md). Both from Azure Verified Modules.
import { roles } from '../roles.bicep'

param tags object
param resourceToken string
@description('Data residency of the Communication Services resources.')
param dataLocation string = 'Europe'
param appPrincipalId string

module emailService 'br/public:avm/res/communication/email-service:0.4.5' = {
  name: 'email-service'
  params: {
    name: 'acs-email-${resourceToken}'
    location: 'global'
    tags: tags
    dataLocation: dataLocation
    domains: [
      {
        name: 'AzureManagedDomain'
        location: 'global'
        domainManagement: 'AzureManaged'
        userEngagementTracking: 'Disabled'
      }
    ]
  }
}

module communicationService 'br/public:avm/res/communication/communication-service:0.5.0' = {
  name: 'communication-service'
  params: {
    name: 'acs-${resourceToken}'
    location: 'global'
    tags: tags
    dataLocation: dataLocation
    linkedDomains: emailService.outputs.domainResourceIds
    roleAssignments: [
      {
        principalId: appPrincipalId
        principalType: 'ServicePrincipal'
        roleDefinitionIdOrName: roles['Communication and Email Service Owner']
      }
    ]
  }
}

output resourceId string = communicationService.outputs.resourceId
output endpoint string = 'https://${communicationService.outputs.endpoint}'
output emailSender string = 'DoNotReply@${emailService.outputs.domainMailFromSenderDomains[0]}'
