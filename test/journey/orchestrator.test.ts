import { afterEach, describe, expect, it } from 'vitest';
import type { VisitReport } from '../../shared/workorders/visitReport';
import { hour, JourneyRun } from './support/journeyRun';

/*
 * Every path of the customer journey, replayed by the real durable-functions code on the local
 * engine, in virtual time. The fixture customer has a phone and an email and no stated
 * preference, so texts come first; the journey starts Monday 5 January 2026, 09:00 in Brussels.
 */
const start = '2026-01-05T08:00:00.000Z';
const day = 24 * hour;

/** Monday 12 January, 08:00–12:00 Brussels. */
const slot = {
  appointmentId: 'AP-1',
  technicianId: 'T-7',
  windowStart: '2026-01-12T07:00:00.000Z',
  windowEnd: '2026-01-12T11:00:00.000Z',
  via: 'web' as const,
};

const report: VisitReport = {
  checklist: [{ item: 'ONT installed', done: true }],
  measurements: [{ name: 'signal', value: -18.5, unit: 'dBm' }],
  photos: [],
};

let run: JourneyRun | undefined;
afterEach(async () => {
  await run?.stop();
  run = undefined;
});

describe('customer journey replayed on the Durable engine', () => {
  it('happy path: invitation, booking, confirmation, reminders, on the way, completion and survey', async () => {
    run = await JourneyRun.start(start);
    run.world.records.reports.set('R-1', report);
    await run.advance(hour);
    await run.raise('appointmentBooked', slot);
    expect((await run.status()).custom).toMatchObject({
      stage: 'scheduled',
      appointment: { appointmentId: 'AP-1' },
    });
    await run.advanceTo('2026-01-12T07:05:00.000Z');
    await run.raise('technicianEnRoute', { technicianId: 'T-7', eta: '2026-01-12T07:30:00.000Z' });
    await run.raise('visitCompleted', {
      technicianId: 'T-7',
      completedAt: '2026-01-12T09:00:00.000Z',
      reportId: 'R-1',
    });

    expect(run.sent()).toEqual([
      'invitation@2026-01-05T08:00:00.000Z/sms',
      'bookingConfirmation@2026-01-05T09:00:00.000Z/sms',
      // 48 h before 08:00 Brussels; the 2 h one would fall in quiet hours after that one went out, so it is dropped.
      'reminder@2026-01-10T07:00:00.000Z/sms',
      'technicianEnRoute@2026-01-12T07:05:00.000Z/sms',
      'visitCompleted@2026-01-12T07:05:00.000Z/sms',
    ]);
    expect(run.utility()).toEqual(['scheduled', 'completed']);
    expect(run.world.utilityMessages()[1]).toMatchObject({ kind: 'completed', report });
    expect(run.world.sent().at(-1)?.text).toContain('/l/survey/');
    const status = await run.status();
    expect(status.runtimeStatus).toBe('Completed');
    expect(status.custom?.stage).toBe('completed');
    const events = await run.historyLength();
    console.log(`journey happy path: ${events} history events (limit 150)`);
    expect(events).toBeLessThan(150);
  });

  it('no contact: three attempts 48 h apart, on hold with an escalation, then closed as unreachable', async () => {
    run = await JourneyRun.start(start);
    await run.advance(6 * day - 1);
    expect(run.sent()).toEqual([
      'invitation@2026-01-05T08:00:00.000Z/sms',
      'invitation@2026-01-07T08:00:00.000Z/email',
      'invitation@2026-01-09T08:00:00.000Z/sms',
      'invitation@2026-01-09T08:00:00.000Z/email',
    ]);
    expect(run.utility()).toEqual([]);
    await run.advance(1);
    expect(run.utility()).toEqual(['onHold']);
    expect(run.world.utilityMessages()[0]).toMatchObject({ reason: 'noContact', contactAttempts: 3 });
    expect(
      run.world.records.workOrders.get(run.world.records.workOrders.keys().next().value ?? '')?.value.state,
    ).toEqual({
      status: 'OnHold',
      reason: 'noContact',
    });
    expect((await run.status()).custom).toMatchObject({
      stage: 'onHold',
      next: { action: 'closeUnreachable' },
    });

    await run.advance(14 * day);
    expect(run.utility()).toEqual(['onHold', 'closedUnreachable']);
    expect((await run.status()).runtimeStatus).toBe('Completed');
  });

  it('ops resume an on-hold journey: contact starts over and a booking then goes through', async () => {
    run = await JourneyRun.start(start);
    await run.advance(6 * day);
    await run.raise('resumeRequested', { by: 'ops-1' });
    expect(run.sent().at(-1)).toBe('invitation@2026-01-11T08:00:00.000Z/sms');
    await run.raise('appointmentBooked', {
      ...slot,
      windowStart: '2026-01-14T07:00:00.000Z',
      windowEnd: '2026-01-14T11:00:00.000Z',
    });
    expect(run.utility()).toEqual(['onHold', 'scheduled']);
  });

  it('books after the second attempt: no third attempt and no hold', async () => {
    run = await JourneyRun.start(start);
    await run.advance(2 * day + hour);
    await run.raise('appointmentBooked', slot);
    await run.advance(3 * day);
    const purposes = run.world.sent().map((message) => message.purpose);
    expect(purposes.filter((purpose) => purpose === 'invitation')).toHaveLength(2);
    expect(purposes).toContain('bookingConfirmation');
    expect(run.utility()).toEqual(['scheduled']);
  });

  it('reschedule: confirms the new time, tells the utility, and plans reminders for the new time only', async () => {
    run = await JourneyRun.start(start);
    await run.raise('appointmentBooked', slot);
    await run.raise('appointmentRescheduled', {
      ...slot,
      appointmentId: 'AP-2',
      windowStart: '2026-01-15T12:00:00.000Z',
      windowEnd: '2026-01-15T15:00:00.000Z',
    });
    await run.advanceTo('2026-01-15T11:00:00.000Z');
    expect(run.world.sent().map((m) => `${m.purpose}@${m.at}`)).toEqual([
      'invitation@2026-01-05T08:00:00.000Z',
      'bookingConfirmation@2026-01-05T08:00:00.000Z',
      'rescheduleConfirmation@2026-01-05T08:00:00.000Z',
      'reminder@2026-01-13T12:00:00.000Z',
      'reminder@2026-01-15T10:00:00.000Z',
    ]);
    expect(
      run.world.utilityMessages().map((m) => [m.kind, 'rescheduled' in m ? m.rescheduled : undefined]),
    ).toEqual([
      ['scheduled', false],
      ['scheduled', true],
    ]);
    expect((await run.status()).custom?.appointment?.appointmentId).toBe('AP-2');
  });

  it('customer declines the work: the utility hears it with the reason, the customer gets an acknowledgement', async () => {
    run = await JourneyRun.start(start);
    await run.raise('appointmentBooked', slot);
    await run.raise('cancellationRequested', { by: 'customer', reason: 'no longer needed' });
    expect(run.utility()).toEqual(['scheduled', 'cancelled']);
    expect(run.world.utilityMessages()[1]).toMatchObject({
      cancelledBy: 'customer',
      reason: 'no longer needed',
    });
    expect(run.world.sent().at(-1)?.purpose).toBe('workDeclined');
    expect((await run.status()).runtimeStatus).toBe('Completed');
  });

  it('customer cancels the appointment only: back to choosing a time on the invitation cadence', async () => {
    run = await JourneyRun.start(start);
    await run.raise('appointmentBooked', slot);
    await run.advance(hour);
    await run.raise('appointmentCancelled', { appointmentId: 'AP-1', by: 'customer' });
    const [workOrder] = [...run.world.records.workOrders.values()];
    expect(workOrder?.value.state).toEqual({ status: 'AwaitingCustomer' });
    expect((await run.status()).custom?.stage).toBe('contacting');
    await run.advance(2 * day);
    expect(run.sent()).toEqual([
      'invitation@2026-01-05T08:00:00.000Z/sms',
      'bookingConfirmation@2026-01-05T08:00:00.000Z/sms',
      'invitation@2026-01-05T09:00:00.000Z/sms',
      'invitation@2026-01-07T09:00:00.000Z/email',
    ]);
    // No reminder for the cancelled appointment, and a new booking goes through as a first booking.
    await run.raise('appointmentBooked', { ...slot, appointmentId: 'AP-2' });
    expect(run.utility()).toEqual(['scheduled', 'scheduled']);
    expect(run.world.utilityMessages()[1]).toMatchObject({ appointmentId: 'AP-2', rescheduled: false });
  });

  it('utility cancel mid-journey: ends cleanly, and intake (not the journey) answers the utility', async () => {
    run = await JourneyRun.start(start);
    await run.advance(day);
    await run.raise('cancellationRequested', { by: 'utility', reason: 'withdrawn' });
    expect(run.utility()).toEqual([]);
    expect(run.world.sent().map((m) => m.purpose)).toEqual(['invitation', 'cancellation']);
    expect((await run.status()).custom?.stage).toBe('cancelled');
    await run.advance(10 * day);
    expect(run.world.sent()).toHaveLength(2);
  });

  it('no-show: the utility hears of the missed visit and the customer is asked to book again', async () => {
    run = await JourneyRun.start(start);
    await run.raise('appointmentBooked', slot);
    await run.advanceTo('2026-01-12T10:00:00.000Z');
    await run.raise('visitIncomplete', { technicianId: 'T-7', reason: 'customerAbsent' });
    expect(run.utility()).toEqual(['scheduled', 'incomplete']);
    expect(run.world.utilityMessages()[1]).toMatchObject({ reason: 'customerAbsent', rebooking: true });
    expect(run.world.sent().at(-1)).toMatchObject({ purpose: 'visitMissed', at: '2026-01-12T10:00:00.000Z' });
    expect((await run.status()).custom?.stage).toBe('contacting');
    await run.raise('appointmentBooked', {
      ...slot,
      appointmentId: 'AP-3',
      windowStart: '2026-01-19T07:00:00.000Z',
      windowEnd: '2026-01-19T11:00:00.000Z',
    });
    expect(run.utility()).toEqual(['scheduled', 'incomplete', 'scheduled']);
  });

  it('opt-out: after STOP every later message goes by email', async () => {
    run = await JourneyRun.start(start);
    await run.raise('smsPreferenceChanged', { optedOut: true });
    await run.advance(4 * day + hour);
    expect(run.sent()).toEqual([
      'invitation@2026-01-05T08:00:00.000Z/sms',
      'invitation@2026-01-07T08:00:00.000Z/email',
      'invitation@2026-01-09T08:00:00.000Z/email',
    ]);
  });

  it('opt-out with no email: nothing left to reach the customer on, so the work order goes on hold', async () => {
    run = await JourneyRun.start(start, { customer: { email: undefined } });
    await run.raise('smsPreferenceChanged', { optedOut: true });
    expect(run.utility()).toEqual(['onHold']);
    expect(run.world.utilityMessages()[0]).toMatchObject({ reason: 'noChannel', contactAttempts: 1 });
    expect((await run.status()).custom?.stage).toBe('onHold');
  });

  it('no channel at all: no attempt is made and the utility hears noChannel, not "no contact"', async () => {
    run = await JourneyRun.start(start, { customer: { email: undefined, phone: undefined } });
    expect(run.sent()).toEqual([]);
    expect(run.utility()).toEqual(['onHold']);
    expect(run.world.utilityMessages()[0]).toMatchObject({ reason: 'noChannel', contactAttempts: 0 });
    const [workOrder] = [...run.world.records.workOrders.values()];
    expect(workOrder?.value.state).toEqual({ status: 'OnHold', reason: 'noChannel' });
  });

  it('quiet hours: a journey that starts at 22:00 texts at 08:00 the next morning', async () => {
    run = await JourneyRun.start('2026-01-05T21:00:00.000Z');
    expect(run.sent()).toEqual([]);
    await run.advanceTo('2026-01-06T07:00:00.000Z');
    expect(run.sent()).toEqual(['invitation@2026-01-06T07:00:00.000Z/sms']);
  });

  it('a failed delivery goes out on the other channel at once', async () => {
    run = await JourneyRun.start(start);
    const [invitation] = run.world.sent();
    await run.raise('deliveryFailed', { notificationId: invitation?.notificationId ?? '', channel: 'sms' });
    expect(run.sent()).toEqual([
      'invitation@2026-01-05T08:00:00.000Z/sms',
      'invitation@2026-01-05T08:00:00.000Z/email',
    ]);
  });
});
