import { afterEach, describe, expect, it } from 'vitest';
import { hour, JourneyRun } from './support/journeyRun';
import type { JourneyWorld } from './support/journeyWorld';

/** The production defaults (loadConfig): 21:00–08:00 on working days, until 10:00 at weekends and Belgian public holidays. */
const defaults: JourneyWorld['tuning'] = {
  contactAttempts: 3,
  contactIntervalHours: 48,
  onHoldMaxDays: 14,
  quietHours: {
    start: '21:00',
    end: '08:00',
    timeZone: 'Europe/Brussels',
    restDays: { start: '21:00', end: '10:00' },
    holidays: 'BE',
  },
};
const brussels = 'Europe/Brussels';
const english = { language: 'en' as const };

/** Every booking and every move is a new appointment id, as the booking service makes them. */
const monday = (id: string) => ({
  appointmentId: id,
  technicianId: 'T-7',
  windowStart: '2026-01-12T07:00:00.000Z', // Monday 12 January, 08:00–12:00 Brussels
  windowEnd: '2026-01-12T11:00:00.000Z',
  via: 'web' as const,
});
const wednesday = (id: string) => ({
  appointmentId: id,
  technicianId: 'T-8',
  windowStart: '2026-01-14T11:00:00.000Z', // Wednesday 14 January, 12:00–16:00 Brussels
  windowEnd: '2026-01-14T15:00:00.000Z',
  via: 'web' as const,
});
const mondayText = 'Monday 12 January, 08:00–12:00';
const wednesdayText = 'Wednesday 14 January, 12:00–16:00';

let run: JourneyRun | undefined;
afterEach(async () => {
  await run?.stop();
  run = undefined;
});

const texts = () => run?.world.sent().map((message) => message.text) ?? [];

describe('rule "every booking, move and cancel is its own occurrence with one confirmation naming the current appointment"', () => {
  it('Mon → Wed → Mon → Wed: four confirmations, the last names Wednesday 12:00', async () => {
    run = await JourneyRun.start('2026-01-05T09:00:00.000Z', { customer: english, tuning: defaults });
    await run.raise('appointmentBooked', monday('AP-A1'));
    await run.advance(hour);
    await run.raise('appointmentRescheduled', wednesday('AP-A2'));
    await run.advance(hour);
    await run.raise('appointmentRescheduled', monday('AP-A3'));
    await run.advance(hour);
    await run.raise('appointmentRescheduled', wednesday('AP-A4'));

    expect(run.utility()).toEqual(['scheduled', 'scheduled', 'scheduled', 'scheduled']);
    expect(run.world.utilityMessages().map((m) => (m.kind === 'scheduled' ? m.appointmentId : ''))).toEqual([
      'AP-A1',
      'AP-A2',
      'AP-A3',
      'AP-A4',
    ]);
    expect(run.sentLocal(brussels)).toEqual([
      'invitation@2026-01-05 10:00/sms',
      'bookingConfirmation@2026-01-05 10:00/sms',
      'rescheduleConfirmation@2026-01-05 11:00/sms',
      'rescheduleConfirmation@2026-01-05 12:00/sms',
      'rescheduleConfirmation@2026-01-05 13:00/sms',
    ]);
    const link = 'https://fieldline.test/l';
    const workOrder = 'WO-FLUVIUS-WO~2F2026~2F000123';
    expect(texts().slice(1)).toEqual([
      `Your appointment is booked for ${mondayText}. Change: ${link}/reschedule/${workOrder} Cancel: ${link}/cancel/${workOrder}`,
      expect.stringContaining(wednesdayText),
      expect.stringContaining(mondayText),
      expect.stringContaining(wednesdayText),
    ]);
    expect((await run.status()).custom).toMatchObject({
      stage: 'scheduled',
      appointment: { appointmentId: 'AP-A4', windowStart: '2026-01-14T11:00:00.000Z' },
    });
  });

  it('the same booking heard twice (a retried raise) is confirmed once', async () => {
    run = await JourneyRun.start('2026-01-05T09:00:00.000Z', { customer: english, tuning: defaults });
    await run.raise('appointmentBooked', monday('AP-B1'));
    await run.raise('appointmentBooked', monday('AP-B1'));
    expect(run.sentLocal(brussels)).toEqual([
      'invitation@2026-01-05 10:00/sms',
      'bookingConfirmation@2026-01-05 10:00/sms',
    ]);
  });
});

describe('rule "a confirmation held back by quiet hours goes out at their end only if still current"', () => {
  it('booked at 23:00 and moved at 23:10: one text at 08:00, naming the moved appointment', async () => {
    run = await JourneyRun.start('2026-01-05T09:00:00.000Z', { customer: english, tuning: defaults });
    await run.advanceTo('2026-01-05T22:00:00.000Z'); // Monday 23:00
    await run.raise('appointmentBooked', monday('AP-C1'));
    await run.advanceTo('2026-01-05T22:10:00.000Z');
    await run.raise('appointmentRescheduled', wednesday('AP-C2'));
    // The utility hears of both at once; the customer nothing at night.
    expect(run.world.utilityMessages().map((m) => m.occurredAt)).toEqual([
      '2026-01-05T22:00:00.000Z',
      '2026-01-05T22:10:00.000Z',
    ]);
    expect(run.sentLocal(brussels)).toEqual(['invitation@2026-01-05 10:00/sms']);
    expect((await run.status()).custom?.next).toEqual({
      action: 'sendConfirmation',
      at: '2026-01-06T07:00:00.000Z',
    });
    await run.advanceTo('2026-01-06T12:00:00.000Z');
    expect(run.sentLocal(brussels)).toEqual([
      'invitation@2026-01-05 10:00/sms',
      'bookingConfirmation@2026-01-06 08:00/sms',
    ]);
    expect(texts()[1]).toContain(`Your appointment is booked for ${wednesdayText}.`);
    expect((await run.status()).custom?.appointment?.appointmentId).toBe('AP-C2');
  });

  it('booked at 23:00 and cancelled at 23:30: no confirmation, the cancellation at 08:00', async () => {
    run = await JourneyRun.start('2026-01-05T09:00:00.000Z', { customer: english, tuning: defaults });
    await run.advanceTo('2026-01-05T22:00:00.000Z');
    await run.raise('appointmentBooked', monday('AP-D1'));
    await run.advanceTo('2026-01-05T22:30:00.000Z');
    await run.raise('cancellationRequested', { by: 'customer' });
    await run.advanceTo('2026-01-06T12:00:00.000Z');
    expect(run.sentLocal(brussels)).toEqual([
      'invitation@2026-01-05 10:00/sms',
      'workDeclined@2026-01-06 08:00/sms',
    ]);
    expect(run.utility()).toEqual(['scheduled', 'cancelled']);
  });
});

describe('rule "a booking on a cancelled work order cannot be created"', () => {
  it('a booking that reaches the journey after the utility cancelled is neither confirmed nor reported', async () => {
    run = await JourneyRun.start('2026-01-05T09:00:00.000Z', { customer: english, tuning: defaults });
    const cancelled = run.world.records.workOrders.get('WO-FLUVIUS-WO~2F2026~2F000123');
    if (cancelled === undefined) throw new Error('no work order');
    // Intake wrote the cancel; its event reaches the journey after the customer's booking.
    run.world.records.putWorkOrder({ ...cancelled.value, state: { status: 'Cancelled', by: 'utility' } });
    await run.raise('appointmentBooked', monday('AP-E1'));
    await run.raise('cancellationRequested', { by: 'utility' });
    expect(run.utility()).toEqual([]);
    expect(run.sentLocal(brussels)).toEqual([
      'invitation@2026-01-05 10:00/sms',
      'cancellation@2026-01-05 10:00/sms',
    ]);
    expect((await run.status()).custom?.stage).toBe('cancelled');
  });
});

describe('rule "the 2 h reminder is dropped when it would fall in quiet hours and the 48 h one went out"', () => {
  it('an 08:00 visit gets its 48 h reminder only', async () => {
    run = await JourneyRun.start('2026-01-05T09:00:00.000Z', { customer: english, tuning: defaults });
    await run.raise('appointmentBooked', monday('AP-F1'));
    await run.advanceTo('2026-01-12T07:30:00.000Z');
    expect(run.sentLocal(brussels)).toEqual([
      'invitation@2026-01-05 10:00/sms',
      'bookingConfirmation@2026-01-05 10:00/sms',
      // 48 h before is Saturday 08:00, inside the weekend's quiet morning: sent at 10:00.
      'reminder@2026-01-10 10:00/sms',
    ]);
    expect(texts()[2]).toContain(mondayText);
  });

  it('a 12:00 visit gets both, the 2 h one at 10:00', async () => {
    run = await JourneyRun.start('2026-01-05T09:00:00.000Z', { customer: english, tuning: defaults });
    await run.raise('appointmentBooked', wednesday('AP-G1'));
    await run.advanceTo('2026-01-14T11:00:00.000Z');
    expect(run.sentLocal(brussels).slice(2)).toEqual([
      'reminder@2026-01-12 12:00/sms',
      'reminder@2026-01-14 10:00/sms',
    ]);
  });
});

describe("rule \"the customer's time zone: the site's, else the utility's, else the app's\"", () => {
  it('a customer in Lisbon is invited, confirmed and reminded on Lisbon time', async () => {
    run = await JourneyRun.start('2026-01-05T22:30:00.000Z', {
      // 22:30 in Lisbon, 23:30 in Brussels.
      workOrder: { site: { ...siteOf(), timeZone: 'Europe/Lisbon' } },
      customer: english,
      tuning: defaults,
    });
    await run.advanceTo('2026-01-06T08:00:00.000Z');
    expect(run.sentLocal('Europe/Lisbon')).toEqual(['invitation@2026-01-06 08:00/sms']);
    await run.raise('appointmentBooked', monday('AP-H1'));
    expect(texts()[1]).toContain('Monday 12 January, 07:00–11:00');
    await run.advanceTo('2026-01-12T06:00:00.000Z');
    expect(run.sentLocal('Europe/Lisbon')).toEqual([
      'invitation@2026-01-06 08:00/sms',
      'bookingConfirmation@2026-01-06 08:00/sms',
      'reminder@2026-01-10 10:00/sms',
    ]);
  });

  it("without a zone on the site, the utility's zone from the settings", async () => {
    run = await JourneyRun.start('2026-01-05T12:00:00.000Z', {
      // 13:00 in Brussels, 07:00 in New York.
      customer: english,
      tuning: { ...defaults, utilityTimeZones: { FLUVIUS: 'America/New_York' } },
    });
    await run.advanceTo('2026-01-05T13:00:00.000Z');
    expect(run.sentLocal('America/New_York')).toEqual(['invitation@2026-01-05 08:00/sms']);
  });
});

function siteOf() {
  return {
    street: 'Kerkstraat 12',
    postcode: '9000',
    city: 'Gent',
    country: 'BE',
    latitude: 51.05,
    longitude: 3.72,
    region: 'BE-OVL',
  };
}

describe('rule "the visit moving on ends the wait for quiet hours: nothing that happens is lost"', () => {
  // Booked at 06:30 Brussels on Monday for the 08:00–12:00 window: the confirmation waits for 08:00.
  const early = '2026-01-12T05:30:00.000Z';

  it('a visit completed before quiet hours end still reaches the utility; no stale confirmation follows', async () => {
    run = await JourneyRun.start(early, { customer: english, tuning: defaults });
    run.world.records.reports.set('R-9', {
      checklist: [{ item: 'Meter fitted', done: true }],
      measurements: [],
      photos: [],
    });
    await run.raise('appointmentBooked', monday('AP-Q1'));
    await run.raise('technicianEnRoute', { technicianId: 'T-7', eta: '2026-01-12T06:00:00.000Z' });
    await run.raise('visitCompleted', {
      technicianId: 'T-7',
      completedAt: '2026-01-12T06:45:00.000Z',
      reportId: 'R-9',
    });
    await run.advanceTo('2026-01-12T09:00:00.000Z');
    expect(run.utility()).toEqual(['scheduled', 'completed']);
    expect((await run.status()).custom?.stage).toBe('completed');
    expect(run.sentLocal(brussels).filter((sent) => sent.startsWith('bookingConfirmation'))).toEqual([]);
  });

  it('an appointment given up before quiet hours end sends the journey back to booking, unconfirmed', async () => {
    run = await JourneyRun.start(early, { customer: english, tuning: defaults });
    await run.raise('appointmentBooked', monday('AP-Q2'));
    await run.raise('appointmentCancelled', { appointmentId: 'AP-Q2', by: 'customer' });
    expect((await run.status()).custom?.stage).toBe('contacting');
    const [workOrder] = [...run.world.records.workOrders.values()];
    expect(workOrder?.value.state).toEqual({ status: 'AwaitingCustomer' });
    await run.advanceTo('2026-01-12T09:00:00.000Z');
    expect(run.sentLocal(brussels).some((sent) => sent.startsWith('bookingConfirmation'))).toBe(false);
  });
});
