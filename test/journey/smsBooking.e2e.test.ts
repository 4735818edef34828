import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@fieldline/functions-local';
import type { OutboxMessage } from '@fieldline/functions-local';
import { queueName } from '../../shared/resources';
import { createMessage } from '../intake/support/messages';
import { technician } from '../scheduling/support';
import { eventually, UtilityInbox } from '../support/outboundQueue';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

/*
 * The whole SMS loop with the real journey: the invitation text lists free slots, the customer
 * answers "2", the slot is booked, the journey confirms by text and tells the utility.
 * Monday 23 November 2026, 10:00 in Brussels (outside quiet hours).
 */
const ourNumber = '+3225550100';
const secret = 'sms-webhook-secret-for-tests-0123456789';

describe('booking by SMS reply, end to end', () => {
  let rt: TestRuntime;
  let inbox: UtilityInbox;
  const texts = (phone: string) =>
    (rt.outbox as { messages(): readonly OutboxMessage[] }).messages().filter((m) => m.to.includes(phone));

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('../../functions'),
      clock: new ManualClock(new Date('2026-11-23T09:00:00.000Z')),
      settings: {
        AcsSmsFrom: ourNumber,
        SmsEventsWebhookSecret: secret,
        AcsResourceId:
          '/subscriptions/x/resourceGroups/y/providers/Microsoft.Communication/CommunicationServices/z',
      },
    });
    await rt.cosmos!.container('technicians').items.create(
      technician('T-NAM-1', {
        region: 'BE-NAM',
        skills: ['smart-meter'],
        homeBase: { latitude: 50.46, longitude: 4.86 },
      }),
    );
    inbox = new UtilityInbox(rt.serviceBusClient());
  }, 60_000);

  afterAll(async () => {
    await inbox?.close();
    await rt?.stop();
  });

  it('books the slot the customer names by number, confirms by text and tells the utility', async () => {
    const phone = '+32470555666';
    const sender = rt.serviceBusClient().createSender(queueName('workOrdersInbound'));
    await sender.sendMessages({
      body: createMessage({
        externalId: 'SMS-LOOP-1',
        dueDate: '2026-12-20',
        customer: { name: 'Wouter Maes', phone, language: 'nl' },
      }),
      messageId: 'sms-loop-1',
    });
    await sender.close();
    const [invitation] = await eventually(async () => (texts(phone).length ? texts(phone) : undefined));
    expect(invitation?.text).toMatch(/\b1\b.*\b2\b.*\b3\b/s);

    const event = {
      id: 'ev-sms-1',
      topic: '/subscriptions/x/resourceGroups/y/providers/Microsoft.Communication/CommunicationServices/z',
      subject: `/phonenumber/${ourNumber.slice(1)}`,
      eventType: 'Microsoft.Communication.SMSReceived',
      eventTime: '2026-11-23T09:05:00Z',
      data: {
        messageId: 'Incoming_1',
        from: phone,
        to: ourNumber,
        message: ' 2 ',
        receivedTimestamp: '2026-11-23T09:05:00Z',
      },
      dataVersion: '1.0',
      metadataVersion: '1',
    };
    const answered = await rt.fetch('/api/events/sms-received', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-webhook-secret': secret },
      body: JSON.stringify([event]),
    });
    expect(answered.status).toBe(200);

    const scheduled = await eventually(async () =>
      inbox.received.find((m) => m.body.externalId === 'SMS-LOOP-1' && m.body.kind === 'scheduled'),
    );
    // The second slot offered: Wednesday's afternoon was first, Thursday morning second.
    expect(scheduled.body).toMatchObject({ windowStart: '2026-11-26T07:00:00.000Z', rescheduled: false });
    const confirmation = await eventually(async () =>
      texts(phone).find(
        (m) =>
          m.text?.includes('afspraak') &&
          m !== invitation &&
          /bevestig|geboekt|staat vast/i.test(m.text ?? ''),
      ),
    );
    expect(confirmation.text).toContain('08:00');
    console.log(texts(phone).map((m) => m.text));
  }, 60_000);
});
