import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { webhookSecretHeader } from '../../functions/eventGridWebhook';
import avm from './avmModules.json';
import { modules, readBicep, type BicepFile } from './bicepSource';

const infra = join(__dirname, '../../infra');
const files: BicepFile[] = [
  join(infra, 'main.bicep'),
  ...readdirSync(join(infra, 'app')).map((name) => join(infra, 'app', name)),
]
  .filter((path) => path.endsWith('.bicep'))
  .map(readBicep);
const file = (name: string): string => files.find((f) => f.path.endsWith(name))?.text ?? '';

const avmModules = avm.modules as Record<
  string,
  { readonly tag: string; readonly params: readonly { readonly name: string; readonly required: boolean }[] }
>;

describe('Azure Verified Modules', () => {
  const references = files.flatMap((f) =>
    modules(f)
      .filter((mod) => mod.target.startsWith('br/public:avm/'))
      .map((mod) => ({ ...mod, in: f.path.slice(infra.length + 1) })),
  );

  it('are used for every resource: infra/ declares only the resource group and the secret-carrying subscriptions', () => {
    expect(references.length).toBeGreaterThanOrEqual(12);
    const own = files.flatMap((f) =>
      [...f.text.matchAll(/^resource\s+\w+\s+'([^@']+)@[^']+'( existing)?/gm)]
        .filter((m) => m[2] === undefined)
        .map((m) => m[1]),
    );
    // The event subscriptions carry the webhook secret, which the module's parameter would log.
    expect(own.sort()).toEqual([
      'Microsoft.EventGrid/systemTopics/eventSubscriptions',
      'Microsoft.Resources/resourceGroups',
    ]);
  });

  it('are pinned to versions released in Azure/bicep-registry-modules', () => {
    // avmModules.json records the release tag and commit each version was read from.
    expect(references.filter((ref) => avmModules[ref.target] === undefined).map((ref) => ref.target)).toEqual(
      [],
    );
  });

  it('get only parameters the module version declares, and all it requires', () => {
    const problems = references.flatMap((ref) => {
      const declared = avmModules[ref.target]?.params ?? [];
      const names = new Set(declared.map((p) => p.name));
      return [
        ...ref.params
          .filter((name) => !names.has(name))
          .map((name) => `${ref.in} ${ref.symbol}: unknown ${name}`),
        ...declared
          .filter((p) => p.required && !ref.params.includes(p.name))
          .map((p) => `${ref.in} ${ref.symbol}: missing ${p.name}`),
      ];
    });
    expect(problems).toEqual([]);
  });
});

describe('Event Grid subscriptions on Communication Services', () => {
  const events = file('events.bicep');

  it('subscribe the SMS and delivery-report webhooks to the ACS system topic', () => {
    expect(events).toContain("topicType: 'Microsoft.Communication.CommunicationServices'");
    expect(events).toMatch(
      /path: '\/api\/events\/sms-received'\s+eventTypes: \['Microsoft\.Communication\.SMSReceived'\]/,
    );
    expect(events).toMatch(
      /path: '\/api\/events\/acs-delivery'\s+eventTypes: \['Microsoft\.Communication\.SMSDeliveryReportReceived', 'Microsoft\.Communication\.EmailDeliveryReportReceived'\]/,
    );
    expect(file('main.bicep')).toMatch(/module events 'app\/events\.bicep'/);
  });

  it('deliver the secret in the header the functions check, marked secret, never in the URL', () => {
    expect(events).toContain(`name: '${webhookSecretHeader}'`);
    expect(events).toMatch(
      /type: 'Static'\s+properties: \{ value: first\(split\(webhookSecret, ','\)\), isSecret: true \}/,
    );
    expect(events).toContain('deliveryAttributeMappings: secretHeader');
    expect(events).not.toMatch(/\?secret=|\?code=/);
    // Not through the module's non-secure `eventSubscriptions` parameter, whose inputs ARM shows.
    expect(events).not.toMatch(/eventSubscriptions:/);
  });

  it('dead-letter into storage with the topic identity, which is granted blob access', () => {
    expect(events).toContain('deadLetterWithResourceIdentity: deadLetter');
    expect(events).toMatch(/endpointType: 'StorageBlob'/);
    expect(events).toContain('managedIdentities: { systemAssigned: true }');
    expect(events).toContain("roleDefinitionId: roles['Storage Blob Data Contributor']");
    expect(file('storage.bicep')).toContain("deadLetterContainerName = 'eventgrid-deadletter'");
  });

  it('are created only once the webhooks can answer the validation handshake', () => {
    expect(events).toContain('for s in subscriptionsEnabled ? subscriptions : []');
    expect(readFileSync(join(infra, 'main.parameters.json'), 'utf8')).toContain(
      '"eventGridSubscriptionsEnabled": { "value": "${EVENT_GRID_SUBSCRIPTIONS_ENABLED=false}" }',
    );
    expect(readFileSync(join(infra, '../azure.yaml'), 'utf8')).toContain(
      'run: node scripts/enable-event-subscriptions.mjs',
    );
  });
});

describe('Key Vault, identities and the deploying principal', () => {
  it('lets azd up follow azd down: purge protection is a parameter, off by default, the name per environment', () => {
    const vault = file('keyvault.bicep');
    expect(vault).toContain("name: 'kv-${resourceToken}'");
    expect(vault).toContain('enablePurgeProtection: enablePurgeProtection');
    expect(file('main.bicep')).toMatch(/param keyVaultPurgeProtection bool = false/);
  });

  it('grants the app its Key Vault role before the app exists and resolves references with that identity', () => {
    expect(file('keyvault.bicep')).toContain("roleDefinitionIdOrName: roles['Key Vault Secrets User']");
    expect(file('api.bicep')).toContain('keyVaultAccessIdentityResourceId: identityResourceId');
    expect(file('main.bicep')).toMatch(
      /linkSigningKeysSecretUri: keyVault\.outputs\.linkSigningKeysSecretUri/,
    );
  });

  it('never hard-codes the deploying principal as a User', () => {
    expect(readFileSync(join(infra, 'main.parameters.json'), 'utf8')).toContain('${AZURE_PRINCIPAL_TYPE');
    for (const f of files) {
      for (const block of f.text.split('principalId: userPrincipalId').slice(1)) {
        const next = block.slice(0, 120);
        if (next.includes('principalType')) expect(next).toMatch(/principalType: userPrincipalType/);
      }
      expect(f.text).not.toMatch(/principalType: 'User'/);
    }
  });

  it('turns App Service Authentication on with anonymous access, so the platform owns x-ms-client-principal', () => {
    const api = file('api.bicep');
    expect(api).toMatch(/name: 'authsettingsV2'/);
    expect(api).toMatch(/platform: \{ enabled: true \}/);
    expect(api).toMatch(/requireAuthentication: false, unauthenticatedClientAction: 'AllowAnonymous'/);
  });
});
