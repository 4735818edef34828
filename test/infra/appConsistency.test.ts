import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  connectionSettings,
  localOnlySettingNames,
  optionalSettingNames,
  requiredSettingNames,
  tuningSettingNames,
} from '../../shared/config';

const root = join(__dirname, '../..');
const apiBicep = readFileSync(join(root, 'infra/app/api.bicep'), 'utf8');

/** The names in the `appsettings` block of the Function App. */
function bicepAppSettings(): string[] {
  const block =
    /resource appSettings 'config' = \{[\s\S]*?properties: \{([\s\S]*?)\n {4}\}/.exec(apiBicep)?.[1] ?? '';
  return [...block.matchAll(/^\s*(\w+)\s*:/gm)].map((m) => m[1] ?? '');
}

// Read by the Functions host and the Application Insights agent, not by Fieldline's code.
const hostSettings = [
  'AzureWebJobsStorage__credential',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'APPLICATIONINSIGHTS_AUTHENTICATION_STRING',
];

describe('infrastructure and app settings agree', () => {
  const declared = bicepAppSettings();

  it('finds the app settings block', () => {
    expect(declared.length).toBeGreaterThan(5);
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
