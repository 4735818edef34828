import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@fieldline/functions-local';
import type { OutboxMessage } from '@fieldline/functions-local';
import { queueName } from '../../shared/resources';
import { workOrderIdFor } from '../../shared/workorders/workOrderId';
import { createMessage } from '../intake/support/messages';
import { eventually } from '../support/outboundQueue';
import { signedInAs, startTestRuntime, type TestRuntime } from '../support/runtime';

/*
 * A text the network could not deliver: ACS reports it through Event Grid, the communication log
 * shows it failed, and the journey sends the same message by email at once instead of waiting for
 * the next attempt two days later.
 */
describe('delivery reports end to end', () => {
  let rt: TestRuntime;
  const secret = 'de'.repeat(20);
  const outbox = () => (rt.outbox as { messages(): readonly OutboxMessage[] }).messages();

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('../../functions'),
      clock: new ManualClock(new Date('2026-11-23T09:00:00.000Z')),
      settings: {
        AcsSmsFrom: '+3225550100',
        SmsEventsWebhookSecret: secret,
        AcsResourceId:
          '/subscriptions/x/resourceGroups/y/providers/Microsoft.Communication/CommunicationServices/z',
      },
    });
  }, 60_000);

  afterAll(async () => {
    await rt?.stop();
  });

  const post = (body: unknown, given: string | null = secret) =>
    rt.fetch('/api/events/acs-delivery', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(given === null ? {} : { 'x-webhook-secret': given }),
      },
      body: JSON.stringify(body),
    });

  it('answers the Event Grid handshake and refuses callers without the webhook secret', async () => {
    const handshake = [
      {
        id: 'v-1',
        eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
        subject: '',
        eventTime: '2026-11-23T09:00:00Z',
        dataVersion: '1',
        data: { validationCode: 'abc-123' },
      },
    ];
    const answer = await post(handshake);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ validationResponse: 'abc-123' });
    expect((await post(handshake, null)).status).toBe(401);
  });

  it('logs a failed SMS and sends the invitation by email at once', async () => {
    const externalId = 'DR-1';
    const workOrderId = workOrderIdFor('ORES', externalId);
    const sender = rt.serviceBusClient().createSender(queueName('workOrdersInbound'));
    await sender.sendMessages({
      body: createMessage({
        externalId,
        dueDate: '2026-12-20',
        customer: { name: 'Jan Peeters', phone: '+32470111222', email: 'jan@example.org', language: 'nl' },
      }),
      messageId: 'dr-1',
    });
    await sender.close();
    const sms = await eventually(async () => outbox().find((m) => m.to.includes('+32470111222')));
    expect(outbox().filter((m) => m.to.includes('jan@example.org'))).toEqual([]);

    const report = await post([
      {
        id: 'dr-event-1',
        topic: '/subscriptions/x/resourceGroups/y/providers/Microsoft.Communication/CommunicationServices/z',
        eventType: 'Microsoft.Communication.SMSDeliveryReportReceived',
        subject: `/phonenumber/+32470111222`,
        eventTime: '2026-11-23T09:00:05Z',
        dataVersion: '1.0',
        data: { messageId: sms.id, deliveryStatus: 'Failed', deliveryStatusDetails: 'Number unreachable' },
      },
    ]);
    expect(report.status).toBe(200);
    const email = await eventually(async () => outbox().find((m) => m.to.includes('jan@example.org')));
    expect(email.at).toBe(sms.at);

    // The outbox has the email a moment before the activity logs it as sent.
    const statuses = async () => {
      const log = (await (
        await rt.fetch(`/api/ops/journeys/${workOrderId}/communications`, {
          headers: { ...signedInAs({ userId: 'ops-tests', roles: ['ops'] }) },
        })
      ).json()) as { notifications: { channel: string; status: string }[] };
      const found = log.notifications.map((n) => [n.channel, n.status]).sort();
      return found.some(([, status]) => status === 'queued') ? undefined : found;
    };
    expect(await eventually(statuses)).toEqual([
      ['email', 'sent'],
      ['sms', 'failed'],
    ]);
  }, 60_000);
});
