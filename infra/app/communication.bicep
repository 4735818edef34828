// Email through an Azure-managed domain (DoNotReply@<guid>.azurecomm.net) so a first deployment
// can send at once; a custom domain is a later, manual DNS step (see docs/DEPLOY.md).
param tags object
param resourceToken string
@description('Data residency of the Communication Services resources.')
param dataLocation string = 'Europe'

resource emailService 'Microsoft.Communication/emailServices@2023-04-01' = {
  name: 'acs-email-${resourceToken}'
  location: 'global'
  tags: tags
  properties: { dataLocation: dataLocation }

  resource managedDomain 'domains' = {
    name: 'AzureManagedDomain'
    location: 'global'
    properties: {
      domainManagement: 'AzureManaged'
      userEngagementTracking: 'Disabled'
    }
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: 'acs-${resourceToken}'
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [emailService::managedDomain.id]
  }
}

output name string = communicationService.name
output endpoint string = 'https://${communicationService.properties.hostName}'
output emailSender string = 'DoNotReply@${emailService::managedDomain.properties.mailFromSenderDomain}'
