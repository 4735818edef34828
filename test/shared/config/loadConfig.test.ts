import { describe, expect, it } from 'vitest';
import { configFromEnvironment, loadConfig } from '../../../shared/config/loadConfig';
import { appSettingNames } from '../../../shared/config/settingNames';

const keys = JSON.stringify([
  { kid: 'k2', secret: 'b'.repeat(44) },
  { kid: 'k1', secret: 'a'.repeat(44) },
]);

/** Connection-string settings, as the local runtime provides them. */
const localEnv: Record<string, string> = {
  AzureWebJobsStorage: 'UseDevelopmentStorage=true',
  ServiceBusConnection: 'Endpoint=sb://127.0.0.1:5672/;SharedAccessKeyName=local;SharedAccessKey=bG9jYWw=',
  CosmosDbConnection: 'AccountEndpoint=https://127.0.0.1:8081/;AccountKey=bG9jYWxrZXk=;',
  StorageConnection:
    'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;',
  AcsConnection: 'endpoint=http://127.0.0.1:7071/dev/acs;accesskey=bG9jYWw=',
  AcsEmailSender: 'noreply@fieldline.example',
  AcsSmsFrom: '+3225550100',
  LinkSigningKeys: keys,
  PublicBaseUrl: 'http://127.0.0.1:7071/',
};

/** Identity-based settings, as infra/app/api.bicep sets them. */
const azureEnv: Record<string, string> = {
  AzureWebJobsStorage__accountName: 'stfieldline01',
  ServiceBusConnection__fullyQualifiedNamespace: 'sb-fieldline.servicebus.windows.net',
  CosmosDbConnection__accountEndpoint: 'https://cosmos-fieldline.documents.azure.com:443/',
  StorageConnection__blobServiceUri: 'https://stfieldline01.blob.core.windows.net',
  AcsConnection__endpoint: 'https://acs-fieldline.europe.communication.azure.com',
  AcsEmailSender: 'noreply@fieldline.example',
  AcsSmsFrom: '+3225550100',
  LinkSigningKeys: keys,
  PublicBaseUrl: 'https://func-fieldline.azurewebsites.net',
};

const failure = (env: Record<string, string | undefined>): string => {
  const loaded = loadConfig(env);
  if (loaded.ok) throw new Error('expected the settings to be refused');
  return loaded.error;
};

describe('loadConfig', () => {
  it('reads connection strings and applies every tuning default', () => {
    const loaded = loadConfig(localEnv);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.connections.cosmos).toEqual({
      kind: 'connectionString',
      value: 'AccountEndpoint=https://127.0.0.1:8081/;AccountKey=bG9jYWxrZXk=;',
    });
    expect(loaded.value.links.publicBaseUrl).toBe('http://127.0.0.1:7071');
    expect(loaded.value.links.signingKeys.map((key) => key.kid)).toEqual(['k2', 'k1']);
    expect(loaded.value.journey).toEqual({
      contactAttempts: 3,
      contactIntervalHours: 48,
      onHoldMaxDays: 14,
      quietHours: {
        start: '21:00',
        end: '08:00',
        timeZone: 'Europe/Brussels',
        restDays: { start: '21:00', end: '10:00' },
        holidays: 'BE',
      },
      utilityTimeZones: {},
    });
    expect(loaded.value.cases.closureCascade).toBe(true);
  });

  it('reads the identity-based form Bicep deploys', () => {
    const loaded = loadConfig(azureEnv);
    expect(loaded.ok && loaded.value.connections).toEqual({
      hostStorage: { kind: 'identity', address: 'stfieldline01' },
      serviceBus: { kind: 'identity', address: 'sb-fieldline.servicebus.windows.net' },
      cosmos: { kind: 'identity', address: 'https://cosmos-fieldline.documents.azure.com:443/' },
      storage: { kind: 'identity', address: 'https://stfieldline01.blob.core.windows.net' },
      communication: { kind: 'identity', address: 'https://acs-fieldline.europe.communication.azure.com' },
    });
  });

  it('reads tuning overrides', () => {
    const loaded = loadConfig({
      ...localEnv,
      JourneyContactAttempts: '5',
      JourneyContactIntervalHours: '12.5',
      QuietHoursStart: '22:30',
      QuietHoursEnd: '07:00',
      QuietHoursTimeZone: 'Europe/Paris',
      QuietHoursRestDayStart: '20:00',
      QuietHoursRestDayEnd: '11:00',
      PublicHolidays: 'FR',
      UtilityTimeZones: '{"EDP":"Europe/Lisbon"}',
      OnHoldMaxDays: '30',
      CaseClosureCascade: 'False',
    });
    expect(loaded.ok && loaded.value.journey).toEqual({
      contactAttempts: 5,
      contactIntervalHours: 12.5,
      onHoldMaxDays: 30,
      quietHours: {
        start: '22:30',
        end: '07:00',
        timeZone: 'Europe/Paris',
        restDays: { start: '20:00', end: '11:00' },
        holidays: 'FR',
      },
      utilityTimeZones: { EDP: 'Europe/Lisbon' },
    });
    expect(loaded.ok && loaded.value.cases.closureCascade).toBe(false);
  });

  it('names every missing setting in one message', () => {
    const message = failure({});
    for (const name of [
      'AzureWebJobsStorage',
      'ServiceBusConnection',
      'CosmosDbConnection',
      'StorageConnection',
      'AcsConnection',
      'AcsEmailSender',
      'LinkSigningKeys',
      'PublicBaseUrl',
    ]) {
      expect(message).toContain(`- ${name}:`);
    }
    expect(message).toContain('ServiceBusConnection__fullyQualifiedNamespace (managed identity)');
    expect(message).not.toContain('AcsSmsFrom');
    expect(message.startsWith('Invalid app settings (8):')).toBe(true);
  });

  it('names every malformed setting without echoing secrets', () => {
    const message = failure({
      ...localEnv,
      CosmosDbConnection: 'AccountEndpoint=https://127.0.0.1:8081/;SuperSecretValue=1',
      ServiceBusConnection__fullyQualifiedNamespace: 'ignored-because-connection-string-wins',
      LinkSigningKeys: JSON.stringify([{ kid: 'k1', secret: 'tooShortSecret' }]),
      AcsSmsFrom: '0470 00 00 00',
      JourneyContactAttempts: 'three',
      QuietHoursTimeZone: 'Europe/Atlantis',
      PublicHolidays: 'XX',
      UtilityTimeZones: '{"EDP":"Atlantic/Nowhere"}',
      CaseClosureCascade: 'yes',
      PublicBaseUrl: 'http://fieldline.example',
    });
    expect(message.split('\n').slice(1)).toEqual([
      '- CosmosDbConnection: must be a Cosmos DB connection string (AccountEndpoint=…;AccountKey=…;)',
      '- AcsSmsFrom: must be an E.164 number (two-way), an alphanumeric sender ID of 1–11 letters, digits or spaces with one letter at least (one-way), or "none" (email only)',
      '- LinkSigningKeys: 0.secret: secret must be at least 32 characters',
      '- PublicBaseUrl: must be an https:// URL (http:// only on loopback)',
      expect.stringMatching(/^- JourneyContactAttempts: /),
      '- QuietHoursTimeZone: must be an IANA time zone, e.g. Europe/Brussels',
      '- PublicHolidays: must be a date-holidays code, e.g. BE or DE-BY',
      '- UtilityTimeZones: EDP: must be an IANA time zone, e.g. Europe/Brussels',
      expect.stringMatching(/^- CaseClosureCascade: /),
    ]);
    expect(message).not.toContain('SuperSecretValue');
    expect(message).not.toContain('tooShortSecret');
  });

  it('refuses signing keys that are not JSON or share a kid', () => {
    expect(failure({ ...localEnv, LinkSigningKeys: 'k1:secret' })).toContain(
      '- LinkSigningKeys: is not valid JSON',
    );
    const duplicate = JSON.stringify([
      { kid: 'k1', secret: 'a'.repeat(32) },
      { kid: 'k1', secret: 'b'.repeat(32) },
    ]);
    expect(failure({ ...localEnv, LinkSigningKeys: duplicate })).toContain(
      '- LinkSigningKeys: kids must be unique',
    );
    expect(failure({ ...localEnv, LinkSigningKeys: '[]' })).toContain(
      '- LinkSigningKeys: needs at least one key',
    );
  });

  it('treats an empty setting as missing', () => {
    expect(failure({ ...localEnv, AcsEmailSender: ' ' })).toContain('- AcsEmailSender: missing');
  });

  it('checks identity addresses too', () => {
    const message = failure({ ...azureEnv, CosmosDbConnection__accountEndpoint: 'cosmos-fieldline' });
    expect(message).toContain('- CosmosDbConnection__accountEndpoint: must be an https:// account endpoint');
  });
});

describe('configFromEnvironment', () => {
  it('throws the one message for start-up', () => {
    expect(() => configFromEnvironment({ ...localEnv, PublicBaseUrl: undefined })).toThrow(
      /Invalid app settings \(1\):\n- PublicBaseUrl: missing/,
    );
  });

  it('returns the parsed configuration', () => {
    expect(configFromEnvironment(azureEnv).sms.from).toBe('+3225550100');
  });

  it('starts without an SMS number, with SMS switched off', () => {
    expect(configFromEnvironment({ ...azureEnv, AcsSmsFrom: '' }).sms.from).toBeUndefined();
  });
});

describe('appSettingNames', () => {
  it('lists every setting the loader reads, each once', () => {
    const used = new Set([...Object.keys(localEnv), ...Object.keys(azureEnv)]);
    for (const name of used) expect(appSettingNames).toContain(name);
    expect(new Set(appSettingNames).size).toBe(appSettingNames.length);
    expect(appSettingNames).toEqual(
      expect.arrayContaining(['OnHoldMaxDays', 'CaseClosureCascade', 'QuietHoursTimeZone']),
    );
  });
});
