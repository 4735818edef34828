import { describe, expect, it } from 'vitest';
import { loadConfig, readinessProblems } from '../../../shared/config';

const base: Record<string, string> = {
  AzureWebJobsStorage__accountName: 'stfieldline01',
  ServiceBusConnection__fullyQualifiedNamespace: 'sb-fieldline.servicebus.windows.net',
  CosmosDbConnection__accountEndpoint: 'https://cosmos-fieldline.documents.azure.com:443/',
  StorageConnection__blobServiceUri: 'https://stfieldline01.blob.core.windows.net',
  AcsConnection__endpoint: 'https://acs-fieldline.europe.communication.azure.com',
  AcsEmailSender: 'DoNotReply@x.azurecomm.net',
  LinkSigningKeys: JSON.stringify([{ kid: 'k1', secret: 'a'.repeat(44) }]),
  PublicBaseUrl: 'https://func-fieldline.azurewebsites.net',
  SmsEventsWebhookSecret: 's'.repeat(43),
};

const sms = (value: string | undefined) => {
  const loaded = loadConfig({ ...base, AcsSmsFrom: value });
  return loaded.ok ? loaded.value.sms : loaded.error;
};

describe('the SMS sender per country', () => {
  it('takes a bought number as a two-way sender', () => {
    expect(sms('+31970102030')).toEqual({ from: '+31970102030', replies: true });
  });

  it('takes an alphanumeric sender ID as one-way: SMS on, replies impossible', () => {
    expect(sms('Fieldline')).toEqual({ from: 'Fieldline', replies: false });
    expect(sms('ORES 24')).toEqual({ from: 'ORES 24', replies: false });
  });

  it('takes "none" as email only', () => {
    expect(sms('none')).toEqual({ replies: false });
  });

  it.each(['12345', 'FieldlineBE1', 'Field-line', '0470123456'])(
    'refuses %j, naming the three choices',
    (value) => {
      expect(sms(value)).toMatch(/AcsSmsFrom: .*E\.164.*alphanumeric sender ID.*"none"/);
    },
  );
});

describe('readiness', () => {
  it('is ready with a sender and the webhook secret', () => {
    expect(readinessProblems({ ...base, AcsSmsFrom: 'none' })).toEqual([]);
  });

  it('reports an unset SMS sender loudly, though the app starts', () => {
    expect(loadConfig(base).ok).toBe(true);
    expect(readinessProblems(base)).toEqual([expect.stringMatching(/^AcsSmsFrom: not set, so SMS is off/)]);
  });

  it('reports a missing webhook secret and invalid settings, without their values', () => {
    const problems = readinessProblems({
      ...base,
      AcsSmsFrom: '+31970102030',
      SmsEventsWebhookSecret: 'short-secret',
      PublicBaseUrl: 'ftp://nope',
    });
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/PublicBaseUrl: must be an https/);
    expect(problems.join('\n')).toMatch(/SmsEventsWebhookSecret: missing or shorter than 32/);
    expect(problems.join('\n')).not.toContain('short-secret');
  });
});
