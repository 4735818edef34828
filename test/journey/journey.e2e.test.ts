import type { ServiceBusSender } from '@azure/service-bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@fieldline/functions-local';
import type { OutboxMessage } from '@fieldline/functions-local';
import { queueName } from '../../shared/resources';
import { workOrderIdFor } from '../../shared/workorders/workOrderId';
import { createMessage } from '../intake/support/messages';
import { technician } from '../scheduling/support';
import { eventually, UtilityInbox } from '../support/outboundQueue';
import { signedInAs, startTestRuntime, type TestRuntime } from '../support/runtime';

/*
 * The whole journey on the local runtime, in virtual time: the utility's message goes through
 * Service Bus, the customer's emails come out of the ACS outbox, the booking is made on the real
 * page, the technician reports through the technician API, the utility's answers come back on the
 * outbound queue. Starts Monday 23 November 2026, 10:00 in Brussels.
 */
const t0 = new Date('2026-11-23T09:00:00.000Z');
const hour = 3_600_000;

describe('customer journey end to end', () => {
  let rt: TestRuntime;
  let clock: ManualClock;
  let sender: ServiceBusSender;
  let inbox: UtilityInbox;

  const outbox = () => (rt.outbox as { messages(): readonly OutboxMessage[] }).messages();
  const mailTo = (address: string) => outbox().filter((message) => message.to.includes(address));
  const timeline = (address: string) => mailTo(address).map((message) => `${message.subject}@${message.at}`);
  const answersFor = (externalId: string) =>
    inbox.received.filter((m) => m.body.externalId === externalId).map((m) => String(m.body.kind));

  beforeAll(async () => {
    clock = new ManualClock(t0);
    rt = await startTestRuntime({ app: () => import('../../functions'), clock });
    await rt.cosmos!.container('technicians').items.create(
      technician('T-NAM-1', {
        region: 'BE-NAM',
        skills: ['smart-meter'],
        homeBase: { latitude: 50.46, longitude: 4.86 },
      }),
    );
    sender = rt.serviceBusClient().createSender(queueName('workOrdersInbound'));
    inbox = new UtilityInbox(rt.serviceBusClient());
  }, 60_000);

  afterAll(async () => {
    await inbox?.close();
    await sender?.close();
    await rt?.stop();
  });

  it('happy path: invitation, booking on the page, confirmation, reminders, on the way, completion, survey', async () => {
    const email = 'happy@example.org';
    const externalId = 'J-HAPPY';
    const workOrderId = workOrderIdFor('ORES', externalId);
    await sender.sendMessages({
      body: createMessage({
        externalId,
        dueDate: '2026-12-20',
        customer: { name: 'Luc Dubois', email, language: 'fr' },
      }),
      messageId: 'j-happy',
    });
    const [invitation] = await eventually(async () => (mailTo(email).length ? mailTo(email) : undefined));
    expect(invitation?.at).toBe(t0.toISOString());
    const link = invitation?.links.find((url) => url.includes('/api/s/'));
    expect(link).toBeDefined();

    // The customer opens the link and books the first time offered.
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    const html = await page.text();
    const slotId = /name="slotId"\s+value="([^"]+)"/.exec(html)?.[1];
    expect(slotId).toBe('SL~BE-NAM~2026-11-25~1200-1600');
    const booked = await fetch(`${link}/book`, {
      method: 'POST',
      body: new URLSearchParams({ slotId: slotId!, lang: 'fr' }),
      redirect: 'manual',
    });
    expect(booked.status).toBe(303);
    await eventually(async () => (answersFor(externalId).includes('scheduled') ? true : undefined));

    // Reminders 48 h and 2 h before 12:00 Brussels on Wednesday (11:00 UTC).
    await clock.advanceTo(new Date('2026-11-25T10:30:00.000Z'));
    await eventually(async () => (mailTo(email).length >= 4 ? true : undefined));

    const asTechnician = signedInAs({ userId: 'T-NAM-1', roles: ['technician'] });
    const post = (body: unknown) =>
      rt.fetch(`/api/technician/work-orders/${workOrderId}/status`, {
        method: 'POST',
        headers: { ...asTechnician, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect(
      (
        await post({
          updateId: 'u-1',
          clientTimestamp: '2026-11-25T10:30:00.000Z',
          status: 'enRoute',
          eta: '2026-11-25T11:15:00.000Z',
        })
      ).status,
    ).toBe(200);
    await eventually(async () => (mailTo(email).length >= 5 ? true : undefined));
    await clock.advanceTo(new Date('2026-11-25T11:20:00.000Z'));
    expect(
      (await post({ updateId: 'u-2', clientTimestamp: '2026-11-25T11:20:00.000Z', status: 'onSite' })).status,
    ).toBe(200);
    await clock.advanceTo(new Date('2026-11-25T12:30:00.000Z'));
    const report = { checklist: [{ item: 'meter replaced', done: true }], measurements: [], photos: [] };
    expect(
      (
        await post({
          updateId: 'u-3',
          clientTimestamp: '2026-11-25T12:30:00.000Z',
          status: 'completed',
          report,
        })
      ).status,
    ).toBe(200);
    await eventually(async () => (answersFor(externalId).includes('completed') ? true : undefined));
    await eventually(async () => (mailTo(email).length >= 6 ? true : undefined));

    expect(timeline(email)).toEqual([
      'Prenez rendez-vous@2026-11-23T09:00:00.000Z',
      'Votre rendez-vous est confirmé@2026-11-23T09:00:00.000Z',
      'Rappel de votre rendez-vous@2026-11-23T11:00:00.000Z',
      'Rappel de votre rendez-vous@2026-11-25T09:00:00.000Z',
      'Notre technicien est en route@2026-11-25T10:30:00.000Z',
      'Votre avis nous intéresse@2026-11-25T12:30:00.000Z',
    ]);
    expect(
      mailTo(email)
        .at(-1)
        ?.links.some((url) => url.includes('/api/s/')),
    ).toBe(true);
    expect(answersFor(externalId)).toEqual(['accepted', 'scheduled', 'completed']);
    const completed = inbox.received.find(
      (m) => m.body.externalId === externalId && m.body.kind === 'completed',
    );
    expect(completed?.body).toMatchObject({
      technicianId: 'T-NAM-1',
      report: { checklist: [{ item: 'meter replaced' }] },
    });
    expect(completed?.correlationId).toBe('j-happy');
  }, 120_000);

  it('no contact: three invitations 48 h apart, then on hold with an escalation to the utility', async () => {
    const email = 'silent@example.org';
    const externalId = 'J-SILENT';
    const start = clock.now();
    const at = (hours: number) => new Date(start + hours * hour).toISOString();
    await sender.sendMessages({
      body: createMessage({
        externalId,
        dueDate: '2026-12-31',
        customer: { name: 'Marie Lambert', email, language: 'fr' },
      }),
      messageId: 'j-silent',
    });
    await eventually(async () => (mailTo(email).length ? true : undefined));
    await clock.advance(143 * hour);
    expect(timeline(email)).toEqual([
      `Prenez rendez-vous@${at(0)}`,
      `Prenez rendez-vous@${at(48)}`,
      `Prenez rendez-vous@${at(96)}`,
    ]);
    expect(answersFor(externalId)).toEqual(['accepted']);

    await clock.advance(hour);
    await eventually(async () => (answersFor(externalId).includes('onHold') ? true : undefined));
    const onHold = inbox.received.find((m) => m.body.externalId === externalId && m.body.kind === 'onHold');
    expect(onHold?.body).toMatchObject({ reason: 'noContact', contactAttempts: 3, occurredAt: at(144) });
    expect(onHold?.correlationId).toBe('j-silent');
    const stored = await rt
      .cosmos!.container('workOrders')
      .item(workOrderIdFor('ORES', externalId), workOrderIdFor('ORES', externalId))
      .read();
    expect(stored.resource?.state).toEqual({ status: 'OnHold', reason: 'noContact' });
    expect(mailTo(email)).toHaveLength(3);

    // Ops find it among the journeys waiting for them.
    const waiting = (await (
      await rt.fetch('/api/ops/journeys?stage=onHold', {
        headers: { ...signedInAs({ userId: 'ops-tests', roles: ['ops'] }) },
      })
    ).json()) as {
      journeys: { workOrderId: string; stage: string; next?: { action: string } }[];
    };
    expect(waiting.journeys.map((j) => j.workOrderId)).toEqual([workOrderIdFor('ORES', externalId)]);
    expect(waiting.journeys[0]?.next?.action).toBe('closeUnreachable');

    // …or by the customer's email, which goes in a body: a URL is kept in request telemetry.
    const opsSession = signedInAs({ userId: 'ops-tests', roles: ['ops'] });
    const inUrl = await rt.fetch(`/api/ops/journeys?email=${encodeURIComponent(email)}`, {
      headers: opsSession,
    });
    expect(inUrl.status).toBe(400);
    expect(((await inUrl.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('query.email');
    const searched = await rt.fetch('/api/ops/journeys/search', {
      method: 'POST',
      headers: { ...opsSession, 'content-type': 'application/json' },
      body: JSON.stringify({ email: email.toUpperCase(), stage: 'onHold' }),
    });
    expect(searched.status).toBe(200);
    expect(((await searched.json()) as { journeys: { workOrderId: string }[] }).journeys).toEqual([
      expect.objectContaining({ workOrderId: workOrderIdFor('ORES', externalId) }),
    ]);
  }, 120_000);

  it('ops watch the journey and act on it: status, resend, reassign, cancel (which frees the slot)', async () => {
    const email = 'ops@example.org';
    const externalId = 'J-OPS';
    const workOrderId = workOrderIdFor('ORES', externalId);
    await sender.sendMessages({
      body: createMessage({
        externalId,
        dueDate: '2027-01-31',
        customer: { name: 'Tom Willems', email, language: 'fr' },
      }),
      messageId: 'j-ops',
    });
    const invitation = await eventually(async () => mailTo(email)[0]);
    const link = invitation.links.find((url) => url.includes('/api/s/'))!;
    const slotId = /name="slotId"\s+value="([^"]+)"/.exec(await (await fetch(link)).text())?.[1] ?? '';
    await fetch(`${link}/book`, {
      method: 'POST',
      body: new URLSearchParams({ slotId }),
      redirect: 'manual',
    });
    await eventually(async () => (answersFor(externalId).includes('scheduled') ? true : undefined));

    const ops = (path: string, body?: unknown) =>
      rt.fetch(`/api/ops/journeys/${workOrderId}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          ...signedInAs({ userId: 'ops-tests', roles: ['ops'] }),
          'content-type': 'application/json',
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const view = (await (await ops('')).json()) as {
      status: { stage: string; appointment: { technicianId: string } };
    };
    expect(view.status).toMatchObject({ stage: 'scheduled', appointment: { technicianId: 'T-NAM-1' } });
    expect((await rt.fetch(`/api/ops/journeys/${workOrderId}`)).status).toBe(401);

    expect((await ops('/resend', { by: 'ops-1' })).status).toBe(202);
    await eventually(async () => (mailTo(email).length >= 3 ? true : undefined));
    expect(mailTo(email).map((m) => m.subject)).toEqual([
      'Prenez rendez-vous',
      'Votre rendez-vous est confirmé',
      'Votre rendez-vous est confirmé',
    ]);

    expect((await ops('/reassign', { by: 'ops-1', technicianId: 'T-NAM-2' })).status).toBe(202);
    await eventually(async () => {
      const stored = await rt.cosmos!.container('workOrders').item(workOrderId, workOrderId).read();
      return stored.resource?.state?.technicianId === 'T-NAM-2' ? true : undefined;
    });

    expect((await ops('/cancel', { reason: 'customer called the desk' })).status).toBe(202);
    await eventually(async () => (answersFor(externalId).includes('cancelled') ? true : undefined));
    const cancelled = inbox.received.find(
      (m) => m.body.externalId === externalId && m.body.kind === 'cancelled',
    );
    expect(cancelled?.body).toMatchObject({ cancelledBy: 'ops', reason: 'customer called the desk' });
    await eventually(async () =>
      mailTo(email).at(-1)?.subject === 'Les travaux prévus ont été annulés' ? true : undefined,
    );
    const region = slotId.split('~')[1] ?? '';
    const slot = await rt.cosmos!.container('capacity').item(slotId, region).read();
    expect(slot.resource?.bookings.map((b: { workOrderId: string }) => b.workOrderId)).not.toContain(
      workOrderId,
    );
    // The journey ends once its last activity has returned, a moment after the cancellation email.
    await eventually(async () => {
      const ended = (await (await ops('')).json()) as { runtimeStatus: string };
      return ended.runtimeStatus === 'Completed' ? true : undefined;
    });
    expect((await ops('/cancel', {})).status).toBe(409);
  }, 120_000);
});
