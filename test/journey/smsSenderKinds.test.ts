import { describe, expect, it } from 'vitest';
import { journeyDependencies } from '../../functions/journey/dependencies';

/** Connection strings only: building the dependencies creates SDK clients but connects nowhere. */
const env = (AcsSmsFrom: string): Record<string, string> => ({
  AzureWebJobsStorage: 'UseDevelopmentStorage=true',
  ServiceBusConnection: 'Endpoint=sb://127.0.0.1:5672/;SharedAccessKeyName=local;SharedAccessKey=bG9jYWw=',
  CosmosDbConnection: 'AccountEndpoint=https://127.0.0.1:8081/;AccountKey=bG9jYWxrZXk=;',
  StorageConnection:
    'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;',
  AcsConnection: 'endpoint=https://acs.fieldline.test/;accesskey=bG9jYWw=',
  AcsEmailSender: 'noreply@fieldline.example',
  AcsSmsFrom,
  LinkSigningKeys: JSON.stringify([{ kid: 'k1', secret: 'a'.repeat(44) }]),
  PublicBaseUrl: 'http://127.0.0.1:7071/',
});

describe('the journey per SMS sender', () => {
  it('texts from a bought number and offers slots to reply to', () => {
    const deps = journeyDependencies(env('+3225550100'));
    expect(deps.smsAvailable).toBe(true);
    expect(deps.smsOffers).toBeDefined();
  });

  it('texts from an alphanumeric sender but offers nothing to reply to: replies cannot reach us', () => {
    const deps = journeyDependencies(env('Fieldline'));
    expect(deps.smsAvailable).toBe(true);
    expect(deps.smsOffers).toBeUndefined();
  });

  it('sends no SMS with "none"', () => {
    const deps = journeyDependencies(env('none'));
    expect(deps.smsAvailable).toBe(false);
    expect(deps.smsOffers).toBeUndefined();
  });
});
