// Built-in Azure role definition ids, by the names Azure gives them
// (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles). One table, so a
// test (test/infra/roles.test.ts) can check every id against Azure's list; a wrong id fails
// `azd provision` with RoleDefinitionDoesNotExist.
@export()
var roles = {
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  'Azure Service Bus Data Owner': '090c5cfd-751d-490a-894a-3ce6f1109419'
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6'
  'Key Vault Secrets Officer': 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  'Monitoring Metrics Publisher': '3913510d-42f4-4e42-8a64-420c390055eb'
  // The only built-in role Communication Services honours for Entra ID sign-in to send SMS and
  // email; ACS does not evaluate custom roles. Narrower than Contributor (nothing outside
  // Microsoft.Communication), though it still includes ListKeys: see docs/DEPLOY.md.
  'Communication and Email Service Owner': '09976791-48a7-449e-bb21-39d1a415f350'
  // Read-only Azure Maps data plane (Route Matrix, Render tiles); no account management.
  'Azure Maps Data Reader': '423170ca-a8f6-4b0f-8487-9e4eb8f49bfa'
}

// Cosmos DB data-plane role (a Cosmos SQL role definition, not Azure RBAC):
// https://learn.microsoft.com/azure/cosmos-db/nosql/security/reference-data-plane-roles
@export()
var cosmosDataContributor = '00000000-0000-0000-0000-000000000002'
