import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatchSettingNames } from '../../functions/dispatch/dependencies';
import { modules, readBicep } from './bicepSource';
import { builtInRoles } from './builtInRoles';

const infra = join(__dirname, '../../infra');
const maps = readBicep(join(infra, 'app/maps.bicep'));
const main = readBicep(join(infra, 'main.bicep'));
const api = readFileSync(join(infra, 'app/api.bicep'), 'utf8');
const rolesBicep = readFileSync(join(infra, 'roles.bicep'), 'utf8');

/*
 * Azure Maps as issue #14 and the deployment guide want it: a Gen2 account from the Azure Verified
 * Module that takes Entra ID only, the app's identity allowed to read its data and nothing more,
 * and the account's client id in the setting the app reads (x-ms-client-id on every call).
 */
describe('Azure Maps in the templates', () => {
  it('declares a Gen2 account through the verified module with local (key and SAS) auth off', () => {
    const account = modules(maps).find((m) => m.target.startsWith('br/public:avm/res/maps/account:'));
    expect(account?.params).toEqual(
      expect.arrayContaining(['name', 'location', 'sku', 'kind', 'disableLocalAuth', 'roleAssignments']),
    );
    expect(maps.text).toContain("kind: 'Gen2'");
    expect(maps.text).toContain("sku: 'G2'");
    expect(maps.text).toMatch(/disableLocalAuth: true/);
    expect(maps.text).not.toMatch(/listKeys|primaryKey|listSas/);
  });

  it('gives the app identity Azure Maps Data Reader on the account, by its documented id', () => {
    expect(maps.text).toMatch(
      /principalId: appPrincipalId\s+principalType: 'ServicePrincipal'\s+roleDefinitionIdOrName: roles\['Azure Maps Data Reader'\]/,
    );
    expect(rolesBicep).toContain(`'Azure Maps Data Reader': '${builtInRoles['Azure Maps Data Reader']}'`);
  });

  it('puts the account uniqueId into the function app setting the app reads', () => {
    expect(maps.text).toMatch(/output clientId string = deployed\.properties\.uniqueId/);
    expect(main.text).toMatch(/module maps 'app\/maps\.bicep' = if \(azureMaps\)/);
    expect(modules(main).find((m) => m.symbol === 'maps')?.params).toContain('appPrincipalId');
    expect(main.text).toContain("azureMapsClientId: azureMaps ? maps!.outputs.clientId : ''");
    expect(api).toContain(`${dispatchSettingNames.azureMapsClientId}: azureMapsClientId`);
    expect(readFileSync(join(infra, 'main.parameters.json'), 'utf8')).toContain(
      '"azureMaps": { "value": "${AZURE_MAPS=true}" }',
    );
  });
});
