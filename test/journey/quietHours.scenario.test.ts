import { afterEach, describe, expect, it } from 'vitest';
import type { Customer } from '../../shared/customers/customer';
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
const day = 24 * hour;
const brussels = 'Europe/Brussels';

/** A journey on the virtual clock, run for `days` from a start given in UTC. */
async function journeyFrom(startUtc: string, customer: Partial<Customer>, days = 9): Promise<JourneyRun> {
  const run = await JourneyRun.start(startUtc, { customer, tuning: defaults });
  await run.advance(days * day);
  return run;
}

describe('rule "no message on any channel in quiet hours" (scenarios on the virtual clock)', () => {
  let run: JourneyRun | undefined;
  afterEach(async () => {
    await run?.stop();
    run = undefined;
  });

  // Monday 5 January 2026, 23:00 in Brussels. Attempts are planned 48 h apart from the start
  // (Wednesday 23:00, Friday 23:00) and each waits for the end of the night; Saturday's ends at 10:00.
  const arrival = '2026-01-05T22:00:00.000Z';

  it('a 23:00 arrival with phone and email, no preference: text, then email, then both, never at night', async () => {
    run = await journeyFrom(arrival, {});
    expect(run.sentLocal(brussels)).toEqual([
      'invitation@2026-01-06 08:00/sms',
      'invitation@2026-01-08 08:00/email',
      'invitation@2026-01-10 10:00/sms',
      'invitation@2026-01-10 10:00/email',
    ]);
    const texts = run.world.sent().map((message) => message.text);
    expect(texts[0]).toBe(
      'Uw afspraak met Fieldline: kies een moment dat u past: https://fieldline.test/l/book/WO-FLUVIUS-WO~2F2026~2F000123',
    );
    expect(texts[1]).toContain('Kies een moment dat u past:\nhttps://fieldline.test/l/book/');
  });

  it('a 23:00 arrival of an email-only customer: every invitation waits for the morning', async () => {
    run = await journeyFrom(arrival, { phone: undefined });
    expect(run.sentLocal(brussels)).toEqual([
      'invitation@2026-01-06 08:00/email',
      'invitation@2026-01-08 08:00/email',
      'invitation@2026-01-10 10:00/email',
    ]);
  });

  it('a 23:00 arrival of an SMS-only customer', async () => {
    run = await journeyFrom(arrival, { email: undefined });
    expect(run.sentLocal(brussels)).toEqual([
      'invitation@2026-01-06 08:00/sms',
      'invitation@2026-01-08 08:00/sms',
      'invitation@2026-01-10 10:00/sms',
    ]);
  });

  it('rule "a stated preference is used on every invitation": a 23:00 arrival preferring email', async () => {
    run = await journeyFrom(arrival, { preferredChannel: 'email' });
    expect(run.sentLocal(brussels)).toEqual([
      'invitation@2026-01-06 08:00/email',
      'invitation@2026-01-08 08:00/email',
      'invitation@2026-01-10 10:00/email',
    ]);
  });

  it('rule "on hold a whole interval after the last invitation went out": 48 h after Saturday 10:00', async () => {
    run = await journeyFrom(arrival, {}, 6);
    expect(run.utility()).toEqual([]);
    await run.advanceTo('2026-01-12T08:59:00.000Z'); // Monday 09:59
    expect(run.utility()).toEqual([]);
    await run.advanceTo('2026-01-12T09:00:00.000Z'); // Monday 10:00
    expect(run.utility()).toEqual(['onHold']);
    expect(run.world.utilityMessages()[0]).toMatchObject({
      occurredAt: '2026-01-12T09:00:00.000Z',
      contactAttempts: 3,
    });
  });

  describe('Sunday 02:30 starts around the daylight-saving changes', () => {
    // Sunday's night ends at 10:00; each invitation then has a whole 48 h before the next one,
    // so Tuesday's follows at 10:00, and Thursday's, planned for 02:30, at the end of that night.
    const sundayPlan = (sunday: string, tuesday: string, thursday: string) => [
      `invitation@${sunday} 10:00/sms`,
      `invitation@${tuesday} 10:00/email`,
      `invitation@${thursday} 08:00/sms`,
      `invitation@${thursday} 08:00/email`,
    ];

    it('spring: the Sunday before the change (02:30 CET)', async () => {
      run = await journeyFrom('2026-03-22T01:30:00.000Z', {});
      expect(run.sentLocal(brussels)).toEqual(sundayPlan('2026-03-22', '2026-03-24', '2026-03-26'));
    });

    it('spring: the night the clocks go forward, 02:30 does not exist and the start is 03:30 CEST', async () => {
      run = await journeyFrom('2026-03-29T01:30:00.000Z', {});
      expect(run.sentLocal(brussels)).toEqual(sundayPlan('2026-03-29', '2026-03-31', '2026-04-02'));
      // 10:00 summer time is 08:00 UTC; never the 08:00 text the rest-day window rules out.
      expect(run.world.sent()[0]?.at).toBe('2026-03-29T08:00:00.000Z');
    });

    it('autumn: 02:30 summer time, before the clocks go back', async () => {
      run = await journeyFrom('2026-10-25T00:30:00.000Z', {});
      expect(run.sentLocal(brussels)).toEqual(sundayPlan('2026-10-25', '2026-10-27', '2026-10-29'));
      expect(run.world.sent()[0]?.at).toBe('2026-10-25T09:00:00.000Z');
    });

    it('autumn: 02:30 winter time, the second time that hour comes round', async () => {
      run = await journeyFrom('2026-10-25T01:30:00.000Z', {});
      expect(run.sentLocal(brussels)).toEqual(sundayPlan('2026-10-25', '2026-10-27', '2026-10-29'));
    });
  });

  it('a public holiday has the later morning too: Armistice Day, Wednesday 11 November 2026', async () => {
    run = await journeyFrom('2026-11-09T22:00:00.000Z', {}, 1); // Monday 23:00
    expect(run.sentLocal(brussels)).toEqual(['invitation@2026-11-10 08:00/sms']);
    await run.advance(2 * day);
    // The second attempt, planned for Wednesday 23:00, goes on Thursday at 08:00 (a working day).
    expect(run.sentLocal(brussels)).toEqual([
      'invitation@2026-11-10 08:00/sms',
      'invitation@2026-11-12 08:00/email',
    ]);
  });

  it('a start on the holiday itself waits until 10:00', async () => {
    run = await journeyFrom('2026-11-11T06:30:00.000Z', {}, 1); // Wednesday 07:30, Armistice Day
    expect(run.sentLocal(brussels)).toEqual(['invitation@2026-11-11 10:00/sms']);
  });

  it('the fallback of an SMS sent at 20:50 whose delivery fails at 21:10 goes by email at 08:00', async () => {
    run = await JourneyRun.start('2026-01-05T19:50:00.000Z', { tuning: defaults }); // Monday 20:50
    expect(run.sentLocal(brussels)).toEqual(['invitation@2026-01-05 20:50/sms']);
    const failed = run.world.sent()[0]?.notificationId ?? '';
    await run.advanceTo('2026-01-05T20:10:00.000Z');
    await run.raise('deliveryFailed', { notificationId: failed, channel: 'sms' });
    expect(run.sentLocal(brussels)).toEqual(['invitation@2026-01-05 20:50/sms']);
    await run.advanceTo('2026-01-06T07:00:00.000Z');
    expect(run.sentLocal(brussels)).toEqual([
      'invitation@2026-01-05 20:50/sms',
      'invitation@2026-01-06 08:00/email',
    ]);
    expect(run.world.sent()[1]?.text).toContain('https://fieldline.test/l/book/');
  });

  it('an ops resend asked for at night goes out at the end of the quiet hours', async () => {
    run = await JourneyRun.start('2026-01-05T19:00:00.000Z', { tuning: defaults }); // Monday 20:00
    await run.advanceTo('2026-01-05T22:00:00.000Z'); // 23:00
    await run.raise('resendRequested', { by: 'ops-anna' });
    await run.advanceTo('2026-01-06T08:00:00.000Z');
    expect(run.sentLocal(brussels)).toEqual([
      'invitation@2026-01-05 20:00/sms',
      'invitation@2026-01-06 08:00/sms',
    ]);
  });
});
