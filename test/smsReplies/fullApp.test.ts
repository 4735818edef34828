import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

describe('the deployed app registers the SMS reply endpoint', () => {
  let rt: TestRuntime;
  const secret = 'fa'.repeat(20);

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('../../functions'),
      settings: { SmsEventsWebhookSecret: secret },
    });
  }, 120_000);
  afterAll(async () => {
    await rt?.stop();
  });

  it('answers the Event Grid handshake at /api/events/sms-received with the webhook secret, no function key', async () => {
    const response = await rt.fetch('/api/events/sms-received', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'aeg-event-type': 'SubscriptionValidation',
        'x-webhook-secret': secret,
      },
      body: JSON.stringify([
        {
          id: 'validation-1',
          subject: '',
          eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
          eventTime: '2026-11-23T10:00:00Z',
          data: { validationCode: 'code-from-event-grid' },
          dataVersion: '2',
        },
      ]),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ validationResponse: 'code-from-event-grid' });
  });
});
