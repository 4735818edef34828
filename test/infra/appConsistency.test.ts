import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appSettingNames,
  connectionSettings,
  localOnlySettingNames,
  optionalSettingNames,
  requiredSettingNames,
  tuningSettingNames,
} from '../../shared/config';

const root = join(__dirname, '../..');
const apiBicep = readFileSync(join(root, 'infra/app/api.bicep'), 'utf8');

/** The names in the `appSettings` variable the Function App's `appsettings` config is made of. */
function bicepAppSettings(): string[] {
  const block = /^var appSettings = \{([\s\S]*?)\n\}/m.exec(apiBicep)?.[1] ?? '';
  return [...block.matchAll(/^\s*(\w+)\s*:/gm)].map((m) => m[1] ?? '');
}

// Read by the Functions host, its extensions, the Application Insights agent and @azure/identity
// (AZURE_CLIENT_ID picks the user-assigned identity), not by Fieldline's code.
const hostSettings = [
  'AzureWebJobsStorage__credential',
  'AzureWebJobsStorage__clientId',
  'ServiceBusConnection__credential',
  'ServiceBusConnection__clientId',
  'AZURE_CLIENT_ID',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'APPLICATIONINSIGHTS_AUTHENTICATION_STRING',
  'FUNCTIONS_REQUEST_BODY_SIZE_LIMIT',
];

describe('infrastructure and app settings agree', () => {
  const declared = bicepAppSettings();

  it('finds the app settings block', () => {
    expect(declared.length).toBeGreaterThan(5);
    expect(apiBicep).toMatch(/name: 'appsettings'\s+properties: appSettings/);
  });

  it('declares every connection the app reads, in its identity form', () => {
    for (const names of Object.values(connectionSettings)) {
      expect(declared).toContain(names.identity);
      expect(declared).not.toContain(names.connectionString);
    }
  });

  it('declares every required and optional setting', () => {
    for (const name of [...requiredSettingNames, ...optionalSettingNames]) expect(declared).toContain(name);
  });

  it('declares nothing the app and host do not read', () => {
    const read = new Set<string>([
      ...Object.values(connectionSettings).map((names) => names.identity),
      ...requiredSettingNames,
      ...optionalSettingNames,
      ...tuningSettingNames,
      ...hostSettings,
    ]);
    expect(declared.filter((name) => !read.has(name))).toEqual([]);
  });

  it('never sets the local-only settings in Azure', () => {
    for (const name of localOnlySettingNames) expect(declared).not.toContain(name);
  });
});

describe('every setting the code reads is registered (and so known to Bicep, docs and the runtime)', () => {
  it('covers the settings each area names for itself', async () => {
    const { journeySettingNames } = await import('../../functions/journey/dependencies');
    const { bookingSettingNames } = await import('../../functions/booking');
    const { caseSettingNames } = await import('../../functions/cases/dependencies');
    const { smsWebhookSecretSetting } = await import('../../functions/smsReplies/smsReceived');
    const { fieldworkSettingNames } = await import('../../functions/technicians/fieldworkSettings');
    const { dispatchSettingNames } = await import('../../functions/dispatch/dependencies');
    const named = [
      ...Object.values(fieldworkSettingNames),
      ...Object.values(journeySettingNames),
      ...Object.values(bookingSettingNames),
      ...Object.values(caseSettingNames),
      ...Object.values(dispatchSettingNames),
      smsWebhookSecretSetting,
    ];
    expect(named.filter((name) => !appSettingNames.includes(name))).toEqual([]);
  });

  it('covers every setting read by a literal name', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? sources(join(dir, entry.name))
          : entry.name.endsWith('.ts')
            ? [readFileSync(join(dir, entry.name), 'utf8')]
            : [],
      );
    const code = ['functions', 'orchestrations', 'shared']
      .flatMap((dir) => sources(join(root, dir)))
      .join('\n');
    const literal = [...code.matchAll(/(?:env|settings)\['(\w+)'\]/g)].map((m) => m[1] ?? '');
    expect(literal.length).toBeGreaterThan(0);
    expect(literal.filter((name) => !appSettingNames.includes(name))).toEqual([]);
  });
});
