import { describe, expect, it } from 'vitest';
import { cadenceFor, CadenceOverrides, type JourneyTuningSettings } from '../../shared/journey/cadence';
import { channelsForAttempt, contactAttempt } from '../../shared/journey/contactPlan';
import { reminderPlan } from '../../shared/journey/reminderPlan';

const tuning: JourneyTuningSettings = {
  contactAttempts: 3,
  contactIntervalHours: 48,
  onHoldMaxDays: 14,
  quietHours: { start: '21:00', end: '08:00', timeZone: 'Europe/Brussels' },
};
const both = { sms: true, email: true };
const prefersEmail = { sms: true, email: true, preferred: 'email' as const };

describe('cadence per work type', () => {
  it('uses the app tuning, with three reminders for installations', () => {
    expect(cadenceFor('repair', tuning)).toMatchObject({
      contactAttempts: ['preferred', 'other', 'both'],
      contactIntervalHours: 48,
      reminderOffsetsHours: [48, 2],
      onHoldMaxDays: 14,
      timeZone: 'Europe/Brussels',
    });
    expect(cadenceFor('installation', tuning).reminderOffsetsHours).toEqual([72, 24, 2]);
  });

  it('lets the setting override one work type without touching the others', () => {
    const overrides = CadenceOverrides.parse({
      inspection: { contactAttempts: 2, contactIntervalHours: 24 },
    });
    expect(cadenceFor('inspection', tuning, overrides)).toMatchObject({
      contactAttempts: ['preferred', 'other'],
      contactIntervalHours: 24,
    });
    expect(cadenceFor('repair', tuning, overrides).contactAttempts).toHaveLength(3);
  });

  it('refuses an override for a work type that does not exist', () => {
    expect(CadenceOverrides.safeParse({ plumbing: { contactAttempts: 2 } }).success).toBe(false);
  });
});

describe('contact attempts', () => {
  const cadence = cadenceFor('repair', tuning);

  it('rule "no preference: text first, then switch, then add": switches, then adds the other channel', () => {
    expect(channelsForAttempt('preferred', both)).toEqual(['sms']);
    expect(channelsForAttempt('other', both)).toEqual(['email']);
    expect(channelsForAttempt('both', both)).toEqual(['sms', 'email']);
  });

  it('rule "a stated preference is used on every invitation": never switches or adds', () => {
    for (const strategy of ['preferred', 'other', 'both'] as const)
      expect(channelsForAttempt(strategy, prefersEmail)).toEqual(['email']);
    // Once the preference stops working (no address), the strategy applies to what is left.
    expect(channelsForAttempt('both', { ...prefersEmail, email: false })).toEqual(['sms']);
  });

  it('stays on the only channel there is, and has none when nothing is reachable', () => {
    const emailOnly = { sms: false, email: true };
    expect(channelsForAttempt('other', emailOnly)).toEqual(['email']);
    expect(channelsForAttempt('both', emailOnly)).toEqual(['email']);
    expect(channelsForAttempt('preferred', { sms: false, email: false })).toEqual([]);
  });

  it('plans attempts 48 h apart from the start and stops after the last', () => {
    const start = new Date('2026-01-05T09:00:00Z');
    const second = contactAttempt(cadence, start, 2, both);
    expect(second?.sendAt.toISOString()).toBe('2026-01-07T09:00:00.000Z');
    expect(second?.answerBy.toISOString()).toBe('2026-01-09T09:00:00.000Z');
    expect(contactAttempt(cadence, start, 4, both)).toBeUndefined();
  });

  it('rule "no message on any channel in quiet hours": moves every attempt out of them, email too', () => {
    const lateEvening = new Date('2026-01-05T21:30:00Z'); // 22:30 Brussels
    expect(contactAttempt(cadence, lateEvening, 1, both)?.sendAt.toISOString()).toBe(
      '2026-01-06T07:00:00.000Z',
    );
    const emailOnly = { sms: false, email: true };
    expect(contactAttempt(cadence, lateEvening, 2, emailOnly)?.sendAt.toISOString()).toBe(
      '2026-01-08T07:00:00.000Z',
    );
  });

  it('rule "on hold a whole interval after the last invitation went out"', () => {
    const lateEvening = new Date('2026-01-05T21:30:00Z');
    const last = contactAttempt(cadence, lateEvening, 3, both);
    expect(last?.sendAt.toISOString()).toBe('2026-01-10T07:00:00.000Z');
    expect(last?.answerBy.toISOString()).toBe('2026-01-12T07:00:00.000Z');
  });
});

describe('reminders', () => {
  const cadence = cadenceFor('repair', tuning);

  it('plans 48 h and 2 h before the appointment in local time', () => {
    const start = new Date('2026-03-31T08:00:00Z'); // Tuesday 10:00 CEST
    const plan = reminderPlan(cadence, start, new Date('2026-03-20T10:00:00Z'));
    // 48 h before crosses the spring-forward night: still 10:00 local, on Sunday.
    expect(plan.map((r) => r.sendAt.toISOString())).toEqual([
      '2026-03-29T08:00:00.000Z',
      '2026-03-31T06:00:00.000Z',
    ]);
  });

  it('drops reminders already due when the booking is made', () => {
    const start = new Date('2026-01-10T09:00:00Z');
    const plan = reminderPlan(cadence, start, new Date('2026-01-09T12:00:00Z'));
    expect(plan.map((r) => r.index)).toEqual([1]);
  });

  it('rule "the 2 h reminder is dropped when it would fall in quiet hours and the 48 h one went out"', () => {
    const start = new Date('2026-01-10T07:00:00Z'); // 08:00 Brussels, 2 h before = 06:00
    const plan = reminderPlan(cadence, start, new Date('2026-01-01T12:00:00Z'));
    expect(plan.map((r) => r.sendAt.toISOString())).toEqual(['2026-01-08T07:00:00.000Z']);
  });

  it('sends a sole reminder that falls in the night the evening before, when the morning is too late', () => {
    const start = new Date('2026-01-10T07:00:00Z');
    // Booked on the 9th at noon: the 48 h reminder is already past, the 2 h one is all there is.
    const plan = reminderPlan(cadence, start, new Date('2026-01-09T11:00:00Z'));
    expect(plan.map((r) => r.sendAt.toISOString())).toEqual(['2026-01-09T19:59:00.000Z']);
  });

  it('moves a reminder out of the night to the morning when that is still before the visit', () => {
    const start = new Date('2026-01-10T08:00:00Z'); // 09:00, 2 h before = 07:00 → 08:00
    const plan = reminderPlan(cadence, start, new Date('2026-01-01T12:00:00Z'));
    expect(plan[1]?.sendAt.toISOString()).toBe('2026-01-10T07:00:00.000Z');
  });
});
