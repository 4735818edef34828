import type { CosmosClient } from '@azure/cosmos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@fieldline/functions-local';
import type { Outbox } from '@fieldline/functions-local';
import { journeyOrchestrationName } from '../../orchestrations/journey/contract';
import { cosmosStore, createCosmosClient, type CosmosStore } from '../../shared/adapters/clients';
import { cosmosBookingStore } from '../../shared/adapters/cosmos/bookingStore';
import { bookingService, type BookingService } from '../../shared/booking/bookingService';
import type { Language } from '../../shared/common/contact';
import { LinkSigningKeys } from '../../shared/config/appConfig';
import { contactIndexIdFor } from '../../shared/customers/contactIndex';
import { Customer } from '../../shared/customers/customer';
import { verifyLink } from '../../shared/links/linkToken';
import { SmsOffer, smsOfferIdFor } from '../../shared/smsReplies';
import { slotIdFor } from '../../shared/scheduling/slot';
import type { WorkOrder } from '../../shared/workorders/workOrder';
import type { WorkOrderState } from '../../shared/workorders/workOrderState';
import { smsSlotOfferer } from '../../functions/smsReplies/offerStore';
import { technician } from '../scheduling/support';
import { cosmosJourneyRecords } from '../../shared/adapters/cosmos/journeyRecords';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

const start = Date.parse('2026-11-23T10:00:00Z');
const timeZone = 'Europe/Brussels';
const ourNumber = '+32480000000';
const webhookSecret = 'event-grid-only-secret';
const route = '/api/events/sms-received';
const secretHeader = { 'x-webhook-secret': webhookSecret };

const phoneOf = (n: number): string => `+3247000${String(n).padStart(4, '0')}`;

const workOrderOf = (n: number, state: WorkOrderState = { status: 'AwaitingCustomer' }): WorkOrder => ({
  id: `WO-FIBERCO-S${n}`,
  utilityCode: 'FIBERCO',
  externalId: `S${n}`,
  revision: 1,
  correlationId: `m-${n}`,
  revisionMessageId: `m-${n}`,
  customerId: `CU-FIBERCO-S${n}`,
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
  state,
  contactAttempts: 1,
  caseIds: [],
  receivedAt: new Date(start - n * 60_000).toISOString(),
  updatedAt: new Date(start).toISOString(),
});

let sequence = 0;
const smsEvent = (from: string, message: string, messageId = `Incoming_${++sequence}`) => ({
  id: `ev-${messageId}`,
  topic: '/subscriptions/x/resourceGroups/y/providers/Microsoft.Communication/CommunicationServices/z',
  subject: `/phonenumber/${ourNumber.slice(1)}`,
  eventType: 'Microsoft.Communication.SMSReceived',
  eventTime: new Date(start).toISOString(),
  data: { messageId, from, to: ourNumber, message, receivedTimestamp: new Date(start).toISOString() },
  dataVersion: '1.0',
  metadataVersion: '1',
});

describe('SMS replies through the Event Grid endpoint (local runtime, embedded Cosmos DB, ACS outbox)', () => {
  let rt: TestRuntime;
  let client: CosmosClient;
  let store: CosmosStore;
  let booking: BookingService;
  const clock = new ManualClock(start);
  const logLines: string[] = [];
  /** Phone numbers and sentences sent in: none may appear in a log line (single keywords would match log words). */
  const personal = new Set<string>();

  const post = (body: unknown) =>
    rt.fetch(route, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...secretHeader },
      body: JSON.stringify(body),
    });
  const reply = async (from: string, message: string, messageId?: string) => {
    personal.add(from);
    if (message.length > 12) personal.add(message);
    const response = await post([smsEvent(from, message, messageId)]);
    expect(response.status).toBe(200);
  };
  const repliesTo = (phone: string) =>
    (rt.outbox as Outbox)
      .messages()
      .filter((message) => message.channel === 'sms' && message.to.includes(phone));
  const lastReplyTo = (phone: string) => repliesTo(phone).at(-1);

  /** A work order, its customer and the contact index for the phone, with a running stand-in journey. */
  const seed = async (
    n: number,
    options: { language?: Language; state?: WorkOrderState; phone?: string; journey?: boolean } = {},
  ): Promise<{ workOrder: WorkOrder; phone: string }> => {
    const workOrder = workOrderOf(n, options.state);
    const phone = options.phone ?? phoneOf(n);
    const customer: Customer = {
      id: workOrder.customerId,
      docType: 'customer',
      utilityCode: 'FIBERCO',
      workOrderId: workOrder.id,
      name: `Customer ${n}`,
      phone,
      language: options.language ?? 'en',
      smsOptedOut: false,
      createdAt: workOrder.receivedAt,
      updatedAt: workOrder.receivedAt,
    };
    await store.container('workOrders').items.upsert(workOrder);
    await store.container('customers').items.upsert(customer);
    const indexId = contactIndexIdFor('sms', phone);
    const existing = (await store.container('customers').item(indexId, indexId).read()).resource as
      { customerIds: string[] } | undefined;
    await store.container('customers').items.upsert({
      id: indexId,
      docType: 'contactIndex',
      channel: 'sms',
      customerIds: [...(existing?.customerIds ?? []), customer.id],
      updatedAt: workOrder.receivedAt,
    });
    if (options.journey === false) return { workOrder, phone };
    const started = await rt.durable!.startNew(journeyOrchestrationName, {
      instanceId: workOrder.id,
      input: JSON.stringify({ workOrderId: workOrder.id, correlationId: workOrder.correlationId }),
    });
    expect(started.ok).toBe(true);
    await rt.durable!.waitForIdle();
    return { workOrder, phone };
  };

  const offerer = () =>
    smsSlotOfferer({
      workOrders: store.container('workOrders'),
      booking,
      timeZone,
      now: () => new Date(clock.now()),
    });
  const offerOf = async (workOrderId: string) => {
    const id = smsOfferIdFor(workOrderId);
    return SmsOffer.parse((await store.container('workOrders').item(id, id).read()).resource);
  };
  const journeyHeard = async (workOrderId: string): Promise<Array<{ name: string; payload: unknown }>> => {
    await rt.durable!.waitForIdle();
    const status = await rt.durable!.getStatus(workOrderId);
    return (status?.customStatus as { received: Array<{ name: string; payload: unknown }> }).received;
  };
  const timelineOf = async (workOrderId: string, type: string) =>
    (
      await store
        .container('timeline')
        .items.query({
          query: 'SELECT * FROM c WHERE c.subjectId = @id AND c.type = @type',
          parameters: [
            { name: '@id', value: workOrderId },
            { name: '@type', value: type },
          ],
        })
        .fetchAll()
    ).resources as Array<{ id: string; data?: Record<string, unknown> }>;

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('./support/smsTestApp'),
      clock,
      settings: {
        SmsEventsWebhookSecret: webhookSecret,
        AcsSmsFrom: ourNumber,
        AcsResourceId:
          '/subscriptions/x/resourceGroups/y/providers/Microsoft.Communication/CommunicationServices/z',
      },
      log: (line) => logLines.push(line),
    });
    client = createCosmosClient(rt.settings);
    store = cosmosStore(client);
    await store.container('technicians').items.upsert(technician('T1'));
    booking = bookingService({
      store: cosmosBookingStore(store),
      now: () => new Date(clock.now()),
      rules: { leadTimeHours: 48, horizonDays: 28, timeZone },
    });
  }, 120_000);

  afterAll(async () => {
    client?.dispose();
    await rt?.stop();
  });

  it('answers the Event Grid subscription validation handshake, and the CloudEvents one', async () => {
    const response = await post([
      {
        id: 'validation-1',
        topic: '/subscriptions/x',
        subject: '',
        eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
        eventTime: new Date(start).toISOString(),
        data: { validationCode: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6', validationUrl: 'https://x.test/v' },
        dataVersion: '2',
        metadataVersion: '1',
      },
    ]);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ validationResponse: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6' });

    const options = await rt.fetch(route, {
      method: 'OPTIONS',
      headers: { 'WebHook-Request-Origin': 'eventgrid.azure.net', ...secretHeader },
    });
    expect(options.status).toBe(200);
    expect(options.headers.get('webhook-allowed-origin')).toBe('eventgrid.azure.net');
  });

  it('refuses deliveries without the webhook secret, acting on nothing', async () => {
    const { phone } = await seed(9);
    personal.add(phone);
    const guesses: Record<string, string>[] = [
      {},
      { 'x-webhook-secret': 'guess' },
      { 'x-webhook-secret': `${webhookSecret}x` },
    ];
    for (const guess of guesses) {
      const response = await rt.fetch(`${route}?secret=${webhookSecret}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...guess },
        body: JSON.stringify([smsEvent(phone, 'STOP')]),
      });
      expect(response.status).toBe(401);
    }
    expect(repliesTo(phone)).toEqual([]);
  });

  it('refuses a body that is not an Event Grid delivery', async () => {
    expect((await post({ hello: 'world' })).status).toBe(400);
  });

  it('lists three free slots for the invitation and books the one a digit names, once however often Event Grid delivers it', async () => {
    const { workOrder, phone } = await seed(1);
    const sentence = await offerer().offerFor(workOrder.id, 'en');
    expect(sentence).toBe(
      'Reply 1 for Wed 25 Nov 12:00–16:00, 2 for Thu 26 Nov 08:00–12:00, 3 for Thu 26 Nov 12:00–16:00.',
    );
    const offer = await offerOf(workOrder.id);
    expect(offer.offers).toHaveLength(3);

    await reply(phone, '2', 'Incoming_book-1');
    await reply(phone, '2', 'Incoming_book-1');

    // The journey heard of it and sends the one confirmation (see test/journey/smsBooking.e2e.test.ts).
    expect(repliesTo(phone)).toEqual([]);
    expect(await booking.current(workOrder.id)).toMatchObject({
      status: 'booked',
      slotId: offer.offers[1]?.slotId,
      via: 'sms',
    });
    const heard = await journeyHeard(workOrder.id);
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({
      name: 'AppointmentBooked',
      payload: { via: 'sms', windowStart: offer.offers[1]?.windowStart },
    });
  });

  it('confirms a digit booking itself when no journey is there to do it', async () => {
    const { workOrder, phone } = await seed(21, { journey: false });
    await offerer().offerFor(workOrder.id, 'en');
    await reply(phone, '1');
    expect(repliesTo(phone).map((message) => message.text)).toEqual([
      'Your appointment is booked: Wed 25 Nov 12:00–16:00. Reply CHANGE to move it.',
    ]);
    expect(await booking.current(workOrder.id)).toMatchObject({ status: 'booked', via: 'sms' });
  });

  it('answers a digit for a slot that filled up meanwhile with the next free ones, and remembers them', async () => {
    const { workOrder, phone } = await seed(2);
    await offerer().offerFor(workOrder.id, 'en');
    const taken = (await offerOf(workOrder.id)).offers[0]!;
    for (let filler = 100; filler < 110; filler++) {
      if ((await booking.book(workOrderOf(filler), taken.slotId, 'web')).kind === 'unavailable') break;
    }

    await reply(phone, '1');

    const text = lastReplyTo(phone)?.text ?? '';
    expect(text).toMatch(/^That time is no longer free\. Reply 1 for .+, 2 for .+, 3 for .+\.$/);
    expect(text).not.toContain('Wed 25 Nov 12:00–16:00');
    expect(await booking.current(workOrder.id)).toBeUndefined();
    const fresh = await offerOf(workOrder.id);
    expect(fresh.offers.map((offer) => offer.slotId)).not.toContain(taken.slotId);
    expect(text).toContain('1 for Thu 26 Nov 08:00–12:00');
    expect(await journeyHeard(workOrder.id)).toEqual([]);
  });

  it('confirms an upcoming appointment on YES, recording it on the timeline once', async () => {
    const { workOrder, phone } = await seed(3, {
      language: 'nl',
      state: { status: 'Scheduled', appointmentId: 'AP-x' },
    });
    const monday = slotIdFor('BE-VOV', '2026-11-30', { start: '08:00', end: '12:00' });
    const booked = await booking.book(workOrder, monday, 'web');
    expect(booked.kind).toBe('booked');

    await reply(phone, 'Ja!');
    await reply(phone, 'JA');

    expect(repliesTo(phone).map((message) => message.text)).toEqual([
      'Bedankt voor uw bevestiging. Tot ma 30 nov 08:00–12:00.',
      'Bedankt voor uw bevestiging. Tot ma 30 nov 08:00–12:00.',
    ]);
    const confirmations = await timelineOf(workOrder.id, 'customer.appointmentConfirmed');
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]?.data).toMatchObject({ via: 'sms' });

    // Both replies are in the work order's communication log, as the journey's messages are.
    const notifications = await cosmosJourneyRecords(store).listNotifications(workOrder.id, 10);
    expect(notifications.filter((n) => n.purpose === 'smsReply')).toEqual([
      expect.objectContaining({ template: 'smsReplies.confirmed', status: 'sent' }),
      expect.objectContaining({ template: 'smsReplies.confirmed', status: 'sent' }),
    ]);
  });

  it('texts a fresh signed link on RESCHEDULE: to reschedule with an appointment, to book without', async () => {
    const keys = LinkSigningKeys.parse(JSON.parse(rt.settings['LinkSigningKeys'] ?? '[]'));
    const tokenOf = (link: string | undefined) =>
      new URL(link ?? 'http://x/').pathname.split('/').at(-1) ?? '';
    const { workOrder, phone } = await seed(4, { language: 'fr' });

    await reply(phone, 'Modifier');
    const unbooked = lastReplyTo(phone);
    expect(unbooked?.text).toMatch(/^Choisissez un moment ici : http:\/\/127\.0\.0\.1:\d+\/api\/s\//);
    expect(verifyLink(keys, tokenOf(unbooked?.links[0]), new Date(clock.now()))).toMatchObject({
      ok: true,
      value: { workOrderId: workOrder.id, purpose: 'book' },
    });

    await offerer().offerFor(workOrder.id, 'fr');
    await reply(phone, '3');
    await reply(phone, 'reschedule');
    const link = lastReplyTo(phone)?.links[0];
    expect(verifyLink(keys, tokenOf(link), new Date(clock.now()))).toMatchObject({
      ok: true,
      value: { workOrderId: workOrder.id, purpose: 'reschedule' },
    });
    expect(verifyLink(keys, `${tokenOf(link)}x`, new Date(clock.now())).ok).toBe(false);
  });

  it('opts the number out on STOP and back in on START, on every work order it has, telling the open journeys', async () => {
    const phone = phoneOf(5);
    const older = await seed(6, { language: 'fr', phone, state: { status: 'Closed', outcome: 'completed' } });
    const { workOrder } = await seed(5, { language: 'fr', phone });
    const optedOut = async (customerId: string) =>
      Customer.parse((await store.container('customers').item(customerId, customerId).read()).resource)
        .smsOptedOut;

    await reply(phone, 'ARRÊT');
    expect(await optedOut(workOrder.customerId)).toBe(true);
    expect(await optedOut(older.workOrder.customerId)).toBe(true);
    expect(lastReplyTo(phone)?.text).toBe(
      'Vous ne recevrez plus de SMS de notre part. Répondez START pour les recevoir à nouveau.',
    );

    await reply(phone, 'start');
    expect(await optedOut(workOrder.customerId)).toBe(false);
    expect(await optedOut(older.workOrder.customerId)).toBe(false);
    expect(lastReplyTo(phone)?.text).toBe('Vous recevrez à nouveau nos SMS. Répondez STOP pour les arrêter.');
    expect(await journeyHeard(workOrder.id)).toEqual([
      { name: 'SmsPreferenceChanged', payload: { optedOut: true } },
      { name: 'SmsPreferenceChanged', payload: { optedOut: false } },
    ]);
  });

  it('answers anything else with the keywords and flags the work order, keeping the words off the timeline', async () => {
    const { workOrder, phone } = await seed(7);
    const words = 'Can the technician come after 17:00? Call me on 0470 99 88 77';

    await reply(phone, words);

    expect(lastReplyTo(phone)?.text).toBe(
      'Reply with the number of a time, YES to confirm your appointment, CHANGE to move it or STOP for no more texts. A colleague will read your message.',
    );
    const flags = await timelineOf(workOrder.id, 'customer.smsNeedsAttention');
    expect(flags).toHaveLength(1);
    expect(flags[0]?.data).toMatchObject({ reason: 'unrecognised' });
    expect(JSON.stringify(flags[0])).not.toContain('17:00');
    const textId = String(flags[0]?.data?.['smsTextId']);
    const stored = (await store.container('timeline').item(textId, workOrder.id).read()).resource;
    expect(stored).toMatchObject({ docType: 'smsText', text: words });
  });

  it('ignores a number we do not know with a 200 and sends nothing', async () => {
    await reply('+32499999999', 'STOP');
    await reply('+32499999999', '1');
    expect(repliesTo('+32499999999')).toEqual([]);
  });

  it('stops acting on one number after ten texts a minute', async () => {
    const { phone } = await seed(8);
    for (let n = 0; n < 12; n++) await reply(phone, `hello ${n}`);
    expect(repliesTo(phone)).toHaveLength(10);
  });

  it('never logs a phone number, the words of a text or the webhook secret', () => {
    const logs = logLines.join('\n');
    expect(logs).toContain('SMS reply handled');
    expect(personal.size).toBeGreaterThan(5);
    for (const value of personal) expect(logs).not.toContain(value);
    expect(logs).not.toContain(webhookSecret);
  });
});
