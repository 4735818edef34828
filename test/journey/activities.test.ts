import { describe, expect, it } from 'vitest';
import { cadenceFor } from '../../shared/journey/cadence';
import type { Notifier, OutgoingMessage } from '../../shared/journey/notifier';
import type { OutboundServiceBusMessage } from '../../shared/contracts/outbound/serviceBusMessage';
import { OutboundMessage } from '../../shared/contracts/outbound/messages';
import { err, ok } from '../../shared/result';
import type { JourneyActivityDependencies } from '../../orchestrations/journey/activities/dependencies';
import { loadProfile } from '../../orchestrations/journey/activities/loadProfile';
import { notifyUtility } from '../../orchestrations/journey/activities/notifyUtility';
import { sendMessage } from '../../orchestrations/journey/activities/sendMessage';
import { updateWorkOrder } from '../../orchestrations/journey/activities/updateWorkOrder';
import { MemoryRecords } from './support/memoryRecords';
import { aCustomer, aWorkOrder, customerId, workOrderId } from './support/fixtures';

const tuning = {
  contactAttempts: 3,
  contactIntervalHours: 48,
  onHoldMaxDays: 14,
  quietHours: { start: '21:00', end: '08:00', timeZone: 'Europe/Brussels' },
};

function setup(
  notify: (message: OutgoingMessage) => ReturnType<Notifier['send']> = async () =>
    ok({ providerMessageId: 'acs-1' }),
) {
  const records = new MemoryRecords();
  records.putWorkOrder(aWorkOrder());
  records.customers.set(customerId, aCustomer());
  const sent: OutgoingMessage[] = [];
  const published: OutboundServiceBusMessage[] = [];
  const deps: JourneyActivityDependencies = {
    records,
    notifier: {
      send: (message) => {
        sent.push(message);
        return notify(message);
      },
    },
    smsAvailable: true,
    links: {
      linkFor: (id, purpose, expiresAt) =>
        `https://fieldline.test/l/${purpose}?wo=${id}&exp=${expiresAt.getTime()}`,
    },
    outbox: { publish: async (message) => void published.push(message) },
    tuning,
    cadenceOverrides: {},
    senderName: 'Fieldline',
    linkValidityDays: 30,
    now: () => new Date('2026-01-05T10:00:00Z'),
  };
  return { records, deps, sent, published };
}

const ids = { workOrderId, correlationId: 'msg-create-1' };
const invitation = { ...ids, purpose: 'invitation', occurrence: 'r1a1', channel: 'sms' } as const;

describe('sendMessage', () => {
  it('sends once per (work order, purpose, occurrence, channel) even when the activity runs again', async () => {
    const { deps, sent, records } = setup();
    const first = await sendMessage(invitation, deps);
    const again = await sendMessage(invitation, deps);
    expect(sent).toHaveLength(1);
    expect(again).toEqual(first);
    expect(first.status).toBe('sent');
    expect(sent[0]).toMatchObject({ channel: 'sms', to: '+32470123456', reference: first.notificationId });
    expect(sent[0]?.channel === 'sms' && sent[0].text).toContain('https://fieldline.test/l/book');
    expect(records.notifications.get(first.notificationId)).toMatchObject({
      status: 'sent',
      providerMessageId: 'acs-1',
      language: 'nl',
    });
    expect(records.providerLinks.get('acs-1')).toMatchObject({
      workOrderId,
      notificationId: first.notificationId,
      channel: 'sms',
    });
  });

  it('never resends a message whose claim a crash left in sending', async () => {
    const { deps, sent, records } = setup();
    const first = await sendMessage(invitation, deps);
    records.claims.set(first.notificationId, {
      ...records.claims.get(first.notificationId)!,
      state: 'sending',
      providerMessageId: undefined,
    });
    await sendMessage(invitation, deps);
    expect(sent).toHaveLength(1);
  });

  it('gives the claim back and fails when the provider is throttling, so a retry sends', async () => {
    let calls = 0;
    const { deps, sent } = setup(async () =>
      ++calls === 1 ? err({ kind: 'unavailable', reason: '429' }) : ok({ providerMessageId: 'acs-2' }),
    );
    await expect(sendMessage(invitation, deps)).rejects.toThrow(/unavailable/);
    const retried = await sendMessage(invitation, deps);
    expect(retried.status).toBe('sent');
    expect(sent).toHaveLength(2);
  });

  it('reports a refused message as failed and logs why', async () => {
    const { deps, records } = setup(async () => err({ kind: 'rejected', reason: 'unknown number' }));
    const outcome = await sendMessage(invitation, deps);
    expect(outcome.status).toBe('failed');
    expect(records.notifications.get(outcome.notificationId)).toMatchObject({
      status: 'failed',
      failureReason: 'unknown number',
    });
  });

  it('suppresses a text to a customer who opted out, without calling the provider', async () => {
    const { deps, sent, records } = setup();
    records.customers.set(customerId, aCustomer({ smsOptedOut: true }));
    const outcome = await sendMessage(invitation, deps);
    expect(outcome.status).toBe('suppressed');
    expect(sent).toHaveLength(0);
  });

  it('writes the appointment window in the customer language', async () => {
    const { deps, sent } = setup();
    await sendMessage(
      {
        ...ids,
        purpose: 'reminder',
        occurrence: 'AP-1:0',
        channel: 'email',
        appointment: {
          appointmentId: 'AP-1',
          technicianId: 'T-1',
          windowStart: '2026-01-08T07:00:00Z',
          windowEnd: '2026-01-08T09:00:00Z',
        },
      },
      deps,
    );
    expect(sent[0]).toMatchObject({
      channel: 'email',
      to: 'an.peeters@example.be',
      subject: 'Herinnering aan uw afspraak',
    });
    expect(sent[0]?.text).toContain('donderdag 8 januari, 08:00–10:00');
  });
});

describe('updateWorkOrder', () => {
  const at = '2026-01-05T10:00:00Z';

  it('applies commands through the state machine and records each on the timeline once', async () => {
    const { deps, records } = setup();
    const input = { ...ids, commands: [{ type: 'startContact' }], at };
    expect(await updateWorkOrder(input, deps)).toEqual({ status: 'AwaitingCustomer' });
    expect(await updateWorkOrder(input, deps)).toEqual({ status: 'AwaitingCustomer' });
    expect([...records.events.values()].map((e) => e.type)).toEqual(['workOrder.startContact']);
  });

  it('brings linked cases in step when the work order changed, and leaves them be when nothing did', async () => {
    const { deps, records } = setup();
    records.putWorkOrder(aWorkOrder({ caseIds: ['CS-1'] }));
    const synced: string[] = [];
    const withCases = {
      ...deps,
      syncCases: async (workOrder: { state: { status: string } }) => void synced.push(workOrder.state.status),
    };
    const input = { ...ids, commands: [{ type: 'startContact' }], at };
    await updateWorkOrder(input, withCases);
    await updateWorkOrder(input, withCases);
    expect(synced).toEqual(['AwaitingCustomer']);
  });

  it('skips what another writer already did and reports a refusal as a value', async () => {
    const { deps, records } = setup();
    records.putWorkOrder(
      aWorkOrder({ state: { status: 'Completed', appointmentId: 'AP-1', technicianId: 'T-1' } }),
    );
    expect(
      await updateWorkOrder({ ...ids, commands: [{ type: 'complete' }, { type: 'close' }], at }, deps),
    ).toEqual({ status: 'Closed' });
    const refused = await updateWorkOrder(
      { ...ids, commands: [{ type: 'putOnHold', reason: 'noContact' }], at },
      deps,
    );
    expect(refused).toEqual({ status: 'Closed', refused: 'cannot putOnHold a work order that is Closed' });
  });

  it('re-reads and reapplies when the work order changed under it', async () => {
    const { deps, records } = setup();
    let interfered = false;
    records.beforeReplace = () => {
      if (interfered) return;
      interfered = true;
      const current = records.workOrders.get(workOrderId)!;
      records.putWorkOrder({ ...current.value, notes: 'changed by intake' });
    };
    await updateWorkOrder({ ...ids, commands: [{ type: 'startContact' }], at }, deps);
    expect(records.workOrders.get(workOrderId)?.value).toMatchObject({
      notes: 'changed by intake',
      state: { status: 'AwaitingCustomer' },
    });
  });
});

describe('notifyUtility', () => {
  it('publishes a valid outbound message correlated to the create, identical on retry', async () => {
    const { deps, published } = setup();
    const input = {
      ...ids,
      notice: { kind: 'onHold', occurredAt: '2026-01-11T10:00:00Z', reason: 'noContact', contactAttempts: 3 },
    };
    await notifyUtility(input, deps);
    await notifyUtility(input, deps);
    expect(published).toHaveLength(2);
    expect(published[0]?.messageId).toBe(published[1]?.messageId);
    expect(published[0]?.correlationId).toBe('msg-create-1');
    expect(OutboundMessage.parse(published[0]?.body)).toMatchObject({
      kind: 'onHold',
      utilityCode: 'FLUVIUS',
      externalId: 'WO/2026/000123',
    });
  });

  it('attaches the visit report to completed', async () => {
    const { deps, published, records } = setup();
    records.reports.set('R-1', {
      checklist: [{ item: 'meter sealed', done: true }],
      measurements: [],
      photos: [],
    });
    await notifyUtility(
      {
        ...ids,
        notice: {
          kind: 'completed',
          occurredAt: '2026-01-12T10:00:00Z',
          completedAt: '2026-01-12T09:55:00Z',
          technicianId: 'T-1',
          reportId: 'R-1',
        },
      },
      deps,
    );
    expect(published[0]?.body).toMatchObject({
      kind: 'completed',
      report: { checklist: [{ item: 'meter sealed' }] },
    });
  });
});

describe('loadProfile', () => {
  it('gives the cadence of the work type and no contact details', async () => {
    const { deps, records } = setup();
    records.putWorkOrder(aWorkOrder({ workType: 'installation' }));
    const profile = await loadProfile(ids, deps);
    expect(profile).toEqual({
      workType: 'installation',
      language: 'nl',
      hasPhone: true,
      hasEmail: true,
      smsOptedOut: false,
      cadence: cadenceFor('installation', tuning),
    });
  });

  it('plans email only while no SMS number is configured', async () => {
    const { deps } = setup();
    expect((await loadProfile(ids, { ...deps, smsAvailable: false })).hasPhone).toBe(false);
  });
});
