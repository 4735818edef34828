import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@fieldline/functions-local';
import { contactIndexIdFor } from '../../shared/customers/contactIndex';
import { customerIdFor } from '../../shared/customers/customer';
import type { Role } from '../../shared/identity';
import { blobContainerName, queueName, resources } from '../../shared/resources';
import { workOrderIdFor } from '../../shared/workorders/workOrderId';
import { createMessage } from '../intake/support/messages';
import { technician } from '../scheduling/support';
import { eventually, UtilityInbox } from '../support/outboundQueue';
import { signedInAs, startTestRuntime, type TestRuntime } from '../support/runtime';

/*
 * One person in every store, then "what do you hold about me?" and "forget me" (GDPR art. 15 and
 * 17). Monday 23 November 2026, 10:00 Brussels. Sophie books by SMS, calls an agent who opens a
 * case with a note, uploads a document, and a technician's photo of her meter is stored.
 */
const ourNumber = '+3225550100';
const secret = 'sms-webhook-secret-for-tests-0123456789';
const person = {
  name: 'Sophie Vandenbroucke',
  phone: '+32470998877',
  email: 'sophie.vdb@example.org',
  street: 'Tiensestraat 214',
  // Precise enough that only her site has them; a tombstone keeps two decimals (about a kilometre).
  latitude: 50.46913,
  longitude: 4.86657,
};
const externalId = 'GDPR-1';
const workOrderId = workOrderIdFor('ORES', externalId);
const customerId = customerIdFor(workOrderId);
const as = (role: Role, userId = `${role}-1`) => ({
  'content-type': 'application/json',
  ...signedInAs({ userId, roles: [role] }),
});

describe('personal data: export and erasure across every store', () => {
  let rt: TestRuntime;
  let inbox: UtilityInbox;
  const logs: string[] = [];

  const post = (path: string, body: unknown, headers: Record<string, string>) =>
    rt.fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });

  const everything = async (): Promise<string> => {
    const parts: string[] = [];
    for (const container of Object.values(resources.cosmos.containers)) {
      const { resources: items } = await rt
        .cosmos!.container(container.name)
        .items.query('SELECT * FROM c')
        .fetchAll();
      parts.push(JSON.stringify(items));
    }
    const blobs = BlobServiceClient.fromConnectionString(rt.settings['StorageConnection']!);
    for (const container of Object.values(resources.storage.blobContainers)) {
      const client = blobs.getContainerClient(container.name);
      for await (const blob of client.listBlobsFlat()) {
        parts.push(blob.name, (await client.getBlobClient(blob.name).downloadToBuffer()).toString('utf8'));
      }
    }
    const histories = await rt.fetch(
      `/runtime/webhooks/durabletask/instances?showInput=true&showHistory=true&showHistoryOutput=true`,
      { headers: { 'x-functions-key': rt.runtime.keys.master } },
    );
    parts.push(await histories.text());
    parts.push(...logs);
    return parts.join('\n');
  };

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
      log: (line) => logs.push(line),
    });
    await rt.cosmos!.container('technicians').items.create(
      technician('T-NAM-1', {
        region: 'BE-NAM',
        skills: ['smart-meter'],
        homeBase: { latitude: 50.46, longitude: 4.86 },
      }),
    );
    inbox = new UtilityInbox(rt.serviceBusClient());

    const sender = rt.serviceBusClient().createSender(queueName('workOrdersInbound'));
    await sender.sendMessages({
      body: createMessage({
        externalId,
        dueDate: '2026-12-20',
        site: {
          ...(createMessage()['site'] as object),
          street: person.street,
          latitude: person.latitude,
          longitude: person.longitude,
        },
        customer: {
          name: person.name,
          phone: person.phone,
          email: person.email,
          language: 'nl',
          preferredChannel: 'sms',
        },
      }),
      messageId: 'gdpr-create-1',
    });
    await sender.close();
    const texts = () => rt.outbox!.messages().filter((m) => m.to.includes(person.phone));
    await eventually(async () => (texts().length ? texts() : undefined));
    const replied = await rt.fetch('/api/events/sms-received', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-webhook-secret': secret },
      body: JSON.stringify([
        {
          id: 'ev-gdpr-1',
          topic:
            '/subscriptions/x/resourceGroups/y/providers/Microsoft.Communication/CommunicationServices/z',
          subject: `/phonenumber/${ourNumber.slice(1)}`,
          eventType: 'Microsoft.Communication.SMSReceived',
          eventTime: '2026-11-23T09:05:00Z',
          data: {
            messageId: 'Incoming_gdpr',
            from: person.phone,
            to: ourNumber,
            message: '1',
            receivedTimestamp: '2026-11-23T09:05:00Z',
          },
          dataVersion: '1.0',
          metadataVersion: '1',
        },
      ]),
    });
    expect(replied.status).toBe(200);
    const question = await rt.fetch('/api/events/sms-received', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-webhook-secret': secret },
      body: JSON.stringify([
        {
          id: 'ev-gdpr-2',
          topic:
            '/subscriptions/x/resourceGroups/y/providers/Microsoft.Communication/CommunicationServices/z',
          subject: `/phonenumber/${ourNumber.slice(1)}`,
          eventType: 'Microsoft.Communication.SMSReceived',
          eventTime: '2026-11-23T09:06:00Z',
          data: {
            messageId: 'Incoming_gdpr_2',
            from: person.phone,
            to: ourNumber,
            message: `Dit is ${person.name}, de bel werkt niet`,
            receivedTimestamp: '2026-11-23T09:06:00Z',
          },
          dataVersion: '1.0',
          metadataVersion: '1',
        },
      ]),
    });
    expect(question.status).toBe(200);
    await eventually(async () =>
      inbox.received.find((m) => m.body.externalId === externalId && m.body.kind === 'scheduled'),
    );

    const opened = await post(
      '/api/cases',
      {
        title: `Call from ${person.name}`,
        description: `Reach her at ${person.email}`,
        type: 'Inquiry',
        priority: 'Normal',
        origin: 'Phone',
        customerId,
        workOrderId,
      },
      as('agent'),
    );
    expect(opened.status).toBe(201);
    const caseId = ((await opened.json()) as { id: string }).id;
    const noted = await rt.fetch(`/api/cases/${caseId}`, {
      method: 'PATCH',
      headers: as('agent'),
      body: JSON.stringify({ note: `Spoke with ${person.name} on ${person.phone}` }),
    });
    expect(noted.status).toBe(200);

    const blobs = BlobServiceClient.fromConnectionString(rt.settings['StorageConnection']!);
    const put = (key: 'uploads' | 'photos', name: string, text: string) =>
      blobs
        .getContainerClient(blobContainerName(key))
        .getBlockBlobClient(`${workOrderId}/${name}`)
        .upload(text, text.length);
    await put('uploads', 'letter.pdf', `%PDF-1.7 letter for ${person.name}, ${person.street}`);
    await put('photos', 'meter.jpg', `\xff\xd8\xff photo at ${person.street}`);
  }, 120_000);

  afterAll(async () => {
    await inbox?.close();
    await rt?.stop();
  });

  it('exports everything held about the person, for agents and admins only, and logs the access', async () => {
    expect(
      (await post('/api/privacy/exports', { person: { phone: person.phone } }, as('technician'))).status,
    ).toBe(403);
    expect((await post('/api/privacy/exports', { person: { phone: '0470' } }, as('agent'))).status).toBe(400);

    const response = await post('/api/privacy/exports', { person: { phone: person.phone } }, as('agent'));
    expect(response.status).toBe(201);
    const answer = (await response.json()) as { downloadUrl: string; counts: Record<string, number> };
    const exported = (await (await fetch(answer.downloadUrl)).json()) as Record<string, unknown[]> & {
      files: { name: string; downloadUrl: string }[];
    };
    expect(answer.counts).toMatchObject({ customers: 1, workOrders: 1, bookings: 1, cases: 1, files: 2 });
    expect(JSON.stringify(exported.customers)).toContain(person.email);
    expect(JSON.stringify(exported.workOrders)).toContain(person.street);
    expect(JSON.stringify(exported.cases)).toContain(person.phone);
    expect(exported.timeline!.map((doc) => (doc as { docType: string }).docType)).toContain('smsText');
    expect(exported.files.map((file) => file.name).sort()).toEqual([
      `${workOrderId}/letter.pdf`,
      `${workOrderId}/meter.jpg`,
    ]);
    expect(await (await fetch(exported.files[0]!.downloadUrl)).text()).toContain(person.name);

    const byEmail = await post(
      '/api/privacy/exports',
      { person: { email: person.email.toUpperCase() } },
      as('admin'),
    );
    expect(byEmail.status).toBe(201);
    const { resources: accesses } = await rt
      .cosmos!.container('accessLog')
      .items.query('SELECT * FROM c')
      .fetchAll();
    expect(
      accesses
        .filter((a) => a.action === 'export')
        .map((a) => a.userId)
        .sort(),
    ).toEqual(['admin-1', 'agent-1']);
    expect(JSON.stringify(accesses)).not.toContain(person.phone);
  }, 60_000);

  it('erases the person everywhere, cancels the live journey with the utility told, and keeps the contract facts', async () => {
    expect((await post('/api/privacy/erasures', { person: { customerId } }, as('agent'))).status).toBe(403);
    expect(await everything()).toContain(person.phone);

    const requested = await post('/api/privacy/erasures', { person: { phone: person.phone } }, as('admin'));
    expect(requested.status).toBe(202);
    const { erasureId, statusUrl } = (await requested.json()) as { erasureId: string; statusUrl: string };
    const again = await post('/api/privacy/erasures', { person: { customerId } }, as('admin'));
    expect(((await again.json()) as { erasureId: string }).erasureId).toBe(erasureId);

    const done = await eventually(async () => {
      await (rt.clock as ManualClock).advance(30_000);
      const status = (await (await rt.fetch(statusUrl, { headers: as('admin') })).json()) as {
        runtimeStatus: string;
        record?: { outcome: Record<string, number> };
      };
      return status.runtimeStatus === 'Completed' && status.record ? status : undefined;
    }, 60_000);
    expect(done.record!.outcome).toMatchObject({
      workOrders: 1,
      cases: 1,
      customers: 1,
      filesDeleted: 2,
      historiesPurged: 1,
    });

    const cancelled = inbox.received.find(
      (m) => m.body.externalId === externalId && m.body.kind === 'cancelled',
    );
    expect(cancelled?.body).toMatchObject({ cancelledBy: 'ops', reason: 'personal data erasure' });
    const kinds = inbox.received.filter((m) => m.body.externalId === externalId).map((m) => m.body.kind);
    expect(kinds).toEqual(['accepted', 'scheduled', 'cancelled']);

    const stored = await everything();
    // What is derived from her counts too: the keyed digests that find her by phone or email
    // (the journeys list's search keys among them) and the exact position of her home (routes).
    const derived = [
      contactIndexIdFor('sms', person.phone),
      contactIndexIdFor('email', person.email),
      String(person.latitude),
      String(person.longitude),
    ];
    for (const value of [
      person.name,
      person.phone,
      person.phone.slice(1),
      person.email,
      person.street,
      ...derived,
    ]) {
      const at = stored.indexOf(value);
      expect(at < 0 ? '' : stored.slice(Math.max(0, at - 300), at + 50), value).toBe('');
    }
    // Logs stay free of the person, and the runtime's lines still name what ran.
    expect(logs.some((line) => line.includes('"functionName":"personalDataErasure"'))).toBe(true);
    expect(logs.filter((line) => line.includes('"part":"durable"') && line.includes('[redacted]'))).toEqual(
      [],
    );

    const { resource: order } = await rt
      .cosmos!.container('workOrders')
      .item(workOrderId, workOrderId)
      .read();
    expect(order).toMatchObject({ externalId, utilityCode: 'ORES', state: { status: 'Cancelled' } });
    const { resources: slots } = await rt
      .cosmos!.container('capacity')
      .items.query('SELECT * FROM c')
      .fetchAll();
    expect(JSON.stringify(slots)).not.toContain(workOrderId);
  }, 120_000);
});
