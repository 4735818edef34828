import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, type Outbox } from '@fieldline/functions-local';
import { contactIndexIdFor } from '../../shared/customers/contactIndex';
import type { Customer } from '../../shared/customers/customer';
import type { WorkOrder } from '../../shared/workorders/workOrder';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

/*
 * Finding 1: forged "SMS received" events. STOP must not opt anyone out, and nothing may be texted,
 * unless the delivery carries the secret in its header, names our Communication Services resource
 * as its topic and our own number as the recipient; a replayed event does nothing.
 */
const start = new Date('2026-11-23T10:00:00Z');
const ourNumber = '+32480000000';
const ourTopic =
  '/subscriptions/s1/resourceGroups/rg-prod/providers/Microsoft.Communication/CommunicationServices/acs-prod';
const secret = 'webhook-secret-for-the-security-tests';
const phone = '+32470009901';
const route = '/api/events/sms-received';

const workOrder: WorkOrder = {
  id: 'WO-FIBERCO-SEC1',
  utilityCode: 'FIBERCO',
  externalId: 'SEC1',
  revision: 1,
  correlationId: 'm-sec1',
  revisionMessageId: 'm-sec1',
  customerId: 'CU-FIBERCO-SEC1',
  workType: 'installation',
  priority: 'normal',
  dueDate: '2026-12-20',
  requiredSkills: ['fibre-splicing'],
  estimatedDurationMinutes: 90,
  site: {
    street: 'Kerkstraat 1',
    postcode: '9000',
    city: 'Gent',
    country: 'BE',
    latitude: 51.05,
    longitude: 3.72,
    region: 'BE-VOV',
  },
  state: { status: 'AwaitingCustomer' },
  contactAttempts: 1,
  caseIds: [],
  receivedAt: start.toISOString(),
  updatedAt: start.toISOString(),
};

const customer: Customer = {
  id: workOrder.customerId,
  docType: 'customer',
  utilityCode: 'FIBERCO',
  workOrderId: workOrder.id,
  name: 'Customer Sec',
  phone,
  language: 'en',
  smsOptedOut: false,
  createdAt: start.toISOString(),
  updatedAt: start.toISOString(),
};

let sequence = 0;
const smsEvent = (
  text: string,
  overrides: { id?: string; topic?: string; to?: string; messageId?: string } = {},
) => {
  const messageId = overrides.messageId ?? `Incoming_sec_${++sequence}`;
  return {
    id: overrides.id ?? `ev-${messageId}`,
    topic: overrides.topic ?? ourTopic,
    subject: `/phonenumber/${ourNumber.slice(1)}`,
    eventType: 'Microsoft.Communication.SMSReceived',
    eventTime: start.toISOString(),
    data: {
      messageId,
      from: phone,
      to: overrides.to ?? ourNumber,
      message: text,
      receivedTimestamp: start.toISOString(),
    },
    dataVersion: '1.0',
    metadataVersion: '1',
  };
};

async function seeded(settings: Record<string, string>): Promise<TestRuntime> {
  const rt = await startTestRuntime({
    app: () => import('../smsReplies/support/smsTestApp'),
    clock: new ManualClock(start),
    settings: { AcsSmsFrom: ourNumber, AcsResourceId: ourTopic, ...settings },
  });
  const customers = rt.cosmos!.container('customers');
  await rt.cosmos!.container('workOrders').items.upsert(workOrder);
  await customers.items.upsert(customer);
  await customers.items.upsert({
    id: contactIndexIdFor('sms', phone),
    docType: 'contactIndex',
    channel: 'sms',
    customerIds: [customer.id],
    updatedAt: start.toISOString(),
  });
  return rt;
}

const optedOut = async (rt: TestRuntime): Promise<boolean> =>
  ((await rt.cosmos!.container('customers').item(customer.id, customer.id).read()).resource as Customer)
    .smsOptedOut;

const texted = (rt: TestRuntime) =>
  (rt.outbox as Outbox).messages().filter((message) => message.to.includes(phone));

const post = (rt: TestRuntime, events: unknown, headers: Record<string, string> = {}, query = '') =>
  rt.fetch(`${route}${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(events),
  });

describe('forged SMS events with no webhook secret configured', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await seeded({ SmsEventsWebhookSecret: '' });
  }, 120_000);
  afterAll(() => rt?.stop());

  it('are refused (503, so Event Grid retries until the setting is fixed) and change nothing', async () => {
    const attempts: Record<string, string>[] = [{}, { 'x-webhook-secret': '' }, { 'x-webhook-secret': 'x' }];
    for (const headers of attempts) {
      expect((await post(rt, [smsEvent('STOP')], headers)).status).toBe(503);
    }
    expect(await optedOut(rt)).toBe(false);
    expect(texted(rt)).toEqual([]);
  });
});

describe('forged SMS events with the webhook secret configured', () => {
  let rt: TestRuntime;
  const withSecret = { 'x-webhook-secret': secret };
  beforeAll(async () => {
    rt = await seeded({ SmsEventsWebhookSecret: secret });
  }, 120_000);
  afterAll(() => rt?.stop());

  it('are refused without the secret in the header, even with it in the URL', async () => {
    expect((await post(rt, [smsEvent('STOP')])).status).toBe(401);
    expect((await post(rt, [smsEvent('STOP')], {}, `?secret=${secret}`)).status).toBe(401);
    expect((await post(rt, [smsEvent('STOP')], {}, `?code=${secret}`)).status).toBe(401);
    expect(await optedOut(rt)).toBe(false);
  });

  it('are refused when the topic is another Communication Services resource', async () => {
    const foreign = ourTopic.replace('acs-prod', 'acs-someone-else');
    const answered = await post(rt, [smsEvent('STOP', { topic: foreign })], withSecret);
    expect(answered.status).toBe(403);
    expect(await answered.json()).toEqual({ errors: [{ path: '0.topic', message: expect.any(String) }] });
    // One foreign event in a batch refuses the batch: nothing in it is acted on.
    const mixed = await post(rt, [smsEvent('STOP'), smsEvent('STOP', { topic: foreign })], withSecret);
    expect(mixed.status).toBe(403);
    expect((await post(rt, [{ ...smsEvent('STOP'), topic: undefined }], withSecret)).status).toBe(403);
    expect(await optedOut(rt)).toBe(false);
    expect(texted(rt)).toEqual([]);
  });

  it('addressed to a number that is not ours are not acted on, and nothing is sent from it', async () => {
    const answered = await post(rt, [smsEvent('STOP', { to: '+32480999999' })], withSecret);
    expect(answered.status).toBe(200);
    expect(await optedOut(rt)).toBe(false);
    expect(texted(rt)).toEqual([]);
  });

  it('are acted on once when genuine, and a replay of the same event id does nothing', async () => {
    const stop = smsEvent('STOP', { id: 'ev-replayed' });
    expect((await post(rt, [stop], withSecret)).status).toBe(200);
    expect(await optedOut(rt)).toBe(true);
    expect(texted(rt).map((message) => message.from)).toEqual([ourNumber]);
    expect((await post(rt, [smsEvent('START')], withSecret)).status).toBe(200);
    expect(await optedOut(rt)).toBe(false);
    // The same event id again, even carrying a fresh message id, is recognised from the store.
    const replay = smsEvent('STOP', { id: 'ev-replayed', messageId: 'Incoming_fresh' });
    expect((await post(rt, [replay], withSecret)).status).toBe(200);
    expect(await optedOut(rt)).toBe(false);
    expect(texted(rt)).toHaveLength(2);
  });
});
