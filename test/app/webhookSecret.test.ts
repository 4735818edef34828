import { HttpRequest } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { readEventGridRequest, webhookSecretHeader } from '../../functions/eventGridWebhook';

const handshake = JSON.stringify([
  {
    id: 'v-1',
    subject: '',
    eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
    eventTime: '2026-11-23T09:00:00Z',
    data: { validationCode: 'code-1' },
  },
]);

const post = (secret?: string) =>
  new HttpRequest({
    url: 'https://app.test/api/events/sms-received',
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret === undefined ? {} : { [webhookSecretHeader]: secret }),
    },
    body: { string: handshake },
  });

const statusFor = async (setting: string | undefined, secret?: string) => {
  const env = {
    AcsResourceId:
      '/subscriptions/x/resourceGroups/y/providers/Microsoft.Communication/CommunicationServices/z',
    ...(setting === undefined ? {} : { SmsEventsWebhookSecret: setting }),
  };
  const incoming = await readEventGridRequest(post(secret), env);
  return incoming.kind === 'answered' ? incoming.response.status : 'events';
};

const current = 'n'.repeat(40);
const previous = 'o'.repeat(40);

describe('the Event Grid webhook secret', () => {
  it('admits the configured secret in the header and nothing else', async () => {
    expect(await statusFor(current, current)).toBe(200);
    expect(await statusFor(current, previous)).toBe(401);
    expect(await statusFor(current)).toBe(401);
  });

  it('admits both secrets while one is rotated', async () => {
    expect(await statusFor(`${current},${previous}`, current)).toBe(200);
    expect(await statusFor(`${current}, ${previous}`, previous)).toBe(200);
    expect(await statusFor(`${current},${previous}`, `${current},${previous}`)).toBe(401);
  });

  it('refuses everyone with 503 while no secret is configured', async () => {
    expect(await statusFor(undefined, current)).toBe(503);
    expect(await statusFor(' , ', '')).toBe(503);
  });
});
