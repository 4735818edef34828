/**
 * Azure built-in role definitions by name, as published in
 * https://learn.microsoft.com/azure/role-based-access-control/built-in-roles (the "Storage",
 * "Integration", "Security", "Monitor", "Web and Mobile" category pages). Cross-checked with the
 * `builtInRoleNames` maps of the Azure Verified Modules at the versions in avmModules.json
 * (storage-account, key-vault/vault, service-bus/namespace, communication-service, event-grid,
 * maps/account).
 * Only roles Fieldline assigns are listed; add a role here, with its documented id, before using it.
 */
export const builtInRoles: Readonly<Record<string, string>> = {
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
  'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  'Azure Service Bus Data Owner': '090c5cfd-751d-490a-894a-3ce6f1109419',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
  'Key Vault Secrets Officer': 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  'Monitoring Metrics Publisher': '3913510d-42f4-4e42-8a64-420c390055eb',
  'Communication and Email Service Owner': '09976791-48a7-449e-bb21-39d1a415f350',
  'Azure Maps Data Reader': '423170ca-a8f6-4b0f-8487-9e4eb8f49bfa',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
};

/**
 * Cosmos DB for NoSQL built-in data-plane roles (SQL role definitions under the account, not
 * Azure RBAC): https://learn.microsoft.com/azure/cosmos-db/nosql/security/reference-data-plane-roles
 */
export const cosmosDataPlaneRoles: Readonly<Record<string, string>> = {
  'Cosmos DB Built-in Data Reader': '00000000-0000-0000-0000-000000000001',
  'Cosmos DB Built-in Data Contributor': '00000000-0000-0000-0000-000000000002',
};
