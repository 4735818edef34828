import { describe, expect, it } from 'vitest';
import type { CurrentBooking } from '../../shared/booking/currentBooking';
import type { EventGridEvent } from '../../shared/eventGrid';
import {
  currentWorkOrder,
  decideReply,
  inboundSmsOf,
  interpretReply,
  offeredSlotsFrom,
  replyText,
  smsOfferFor,
  type ReplyContext,
} from '../../shared/smsReplies';
import { workOrderStatuses, type WorkOrderStatus } from '../../shared/workorders/workOrderState';

describe('interpretReply', () => {
  it.each([
    ['YES', 'yes'],
    ['JA', 'yes'],
    ['OUI', 'yes'],
    ['STOP', 'stop'],
    ['ARRET', 'stop'],
    ['ARRÊT', 'stop'],
    ['START', 'start'],
    ['RESCHEDULE', 'reschedule'],
    ['WIJZIG', 'reschedule'],
    ['MODIFIER', 'reschedule'],
    ['CHANGE', 'reschedule'],
  ])('reads the keyword %s as %s, in any case and with the punctuation phones add', (word, kind) => {
    expect(interpretReply(word)).toEqual({ kind });
    expect(interpretReply(word.toLowerCase())).toEqual({ kind });
    expect(interpretReply(`  ${word[0]}${word.slice(1).toLowerCase()}! 👍 `)).toEqual({ kind });
  });

  it.each(['1', '2', '5', '9'])('reads the digit %s as a choice', (digit) => {
    expect(interpretReply(digit)).toEqual({ kind: 'choice', number: Number(digit) });
    expect(interpretReply(` ${digit}.`)).toEqual({ kind: 'choice', number: Number(digit) });
  });

  it.each([
    '',
    '   ',
    '0',
    '10',
    '12',
    'ja maar liever 2',
    'yes please',
    'stopper',
    'hallo',
    'STOP STOP',
    '1 2',
  ])('reads %j as something else', (text) => {
    expect(interpretReply(text)).toEqual({ kind: 'other' });
  });
});

describe('inboundSmsOf', () => {
  const event = (eventType: string, data: unknown): EventGridEvent => ({
    id: 'ev-1',
    subject: '/phonenumber/32470000000',
    eventType,
    eventTime: '2026-11-23T10:00:00Z',
    data,
  });

  it('reads an SMSReceived event and ignores other event types', () => {
    const sms = inboundSmsOf(
      event('Microsoft.Communication.SMSReceived', {
        messageId: 'Incoming_1',
        from: '+32470123456',
        to: '+32480000000',
        message: 'Ja',
        receivedTimestamp: '2026-11-23T10:00:00Z',
      }),
    );
    expect(sms).toEqual({
      messageId: 'Incoming_1',
      from: '+32470123456',
      to: '+32480000000',
      text: 'Ja',
      receivedAt: '2026-11-23T10:00:00Z',
    });
    expect(inboundSmsOf(event('Microsoft.Communication.SMSDeliveryReportReceived', {}))).toBeUndefined();
  });

  it('names a malformed SMS event without repeating its content', () => {
    const problem = inboundSmsOf(
      event('Microsoft.Communication.SMSReceived', { from: '+32470123456', message: 'secret' }),
    );
    expect(typeof problem).toBe('string');
    expect(problem).not.toContain('secret');
    expect(problem).not.toContain('+32470123456');
  });
});

const now = new Date('2026-11-23T10:00:00Z');
const booking = (windowEnd: string, status: CurrentBooking['status'] = 'booked'): CurrentBooking => ({
  id: 'BK-WO-1',
  docType: 'currentBooking',
  workOrderId: 'WO-1',
  status,
  slotId: 'SL~BE-VOV~2026-11-26~0800-1200',
  region: 'BE-VOV',
  appointmentId: 'AP-1',
  technicianId: 'T1',
  windowStart: '2026-11-26T07:00:00Z',
  windowEnd,
  via: 'web',
  updatedAt: now.toISOString(),
});
const offers = offeredSlotsFrom([
  {
    slotId: 'S1',
    localDate: '2026-11-25',
    windowStart: '2026-11-25T07:00:00Z',
    windowEnd: '2026-11-25T11:00:00Z',
  },
  {
    slotId: 'S2',
    localDate: '2026-11-25',
    windowStart: '2026-11-25T11:00:00Z',
    windowEnd: '2026-11-25T15:00:00Z',
  },
  {
    slotId: 'S3',
    localDate: '2026-11-26',
    windowStart: '2026-11-26T07:00:00Z',
    windowEnd: '2026-11-26T11:00:00Z',
  },
  {
    slotId: 'S4',
    localDate: '2026-11-26',
    windowStart: '2026-11-26T11:00:00Z',
    windowEnd: '2026-11-26T15:00:00Z',
  },
]);
const context = (changes: Partial<ReplyContext> = {}): ReplyContext => ({
  status: 'AwaitingCustomer',
  booking: undefined,
  offer: smsOfferFor('WO-1', offers, now),
  now,
  ...changes,
});

describe('decideReply', () => {
  it('offers at most three slots, in the order availability lists them', () => {
    expect(offers.map((offer) => offer.slotId)).toEqual(['S1', 'S2', 'S3']);
  });

  it('books the offered slot a digit names, and offers again for a digit that names none', () => {
    expect(decideReply({ kind: 'choice', number: 2 }, context())).toEqual({
      kind: 'book',
      slot: offers[1],
    });
    expect(decideReply({ kind: 'choice', number: 4 }, context())).toEqual({ kind: 'offerAgain' });
    expect(decideReply({ kind: 'choice', number: 1 }, context({ offer: undefined }))).toEqual({
      kind: 'offerAgain',
    });
  });

  it('answers a digit with the appointment the customer already has', () => {
    const upcoming = booking('2026-11-26T11:00:00Z');
    expect(
      decideReply({ kind: 'choice', number: 1 }, context({ status: 'Scheduled', booking: upcoming })),
    ).toEqual({ kind: 'alreadyBooked', booking: upcoming });
  });

  it('confirms an upcoming appointment on YES, and flags YES without one', () => {
    const upcoming = booking('2026-11-26T11:00:00Z');
    expect(decideReply({ kind: 'yes' }, context({ status: 'Scheduled', booking: upcoming }))).toEqual({
      kind: 'confirm',
      booking: upcoming,
    });
    for (const past of [booking('2026-11-23T09:00:00Z'), booking('2026-11-26T11:00:00Z', 'cancelled')]) {
      expect(decideReply({ kind: 'yes' }, context({ booking: past }))).toEqual({
        kind: 'needsAttention',
        reason: 'noAppointment',
      });
    }
  });

  it('sends a reschedule link with an appointment and a booking link without one', () => {
    expect(
      decideReply(
        { kind: 'reschedule' },
        context({ status: 'Dispatched', booking: booking('2026-11-26T11:00:00Z') }),
      ),
    ).toEqual({ kind: 'sendLink', purpose: 'reschedule' });
    expect(decideReply({ kind: 'reschedule' }, context())).toEqual({ kind: 'sendLink', purpose: 'book' });
  });

  it('leaves changes to a dispatcher once the technician is on the way, but always honours STOP and START', () => {
    const late: WorkOrderStatus[] = ['EnRoute', 'OnSite', 'Completed', 'Incomplete'];
    for (const status of late) {
      expect(decideReply({ kind: 'choice', number: 1 }, context({ status }))).toEqual({
        kind: 'needsAttention',
        reason: 'visitUnderway',
      });
      expect(decideReply({ kind: 'reschedule' }, context({ status }))).toMatchObject({
        kind: 'needsAttention',
      });
    }
    for (const status of workOrderStatuses) {
      expect(decideReply({ kind: 'stop' }, context({ status }))).toEqual({ kind: 'optOut' });
      expect(decideReply({ kind: 'start' }, context({ status }))).toEqual({ kind: 'optIn' });
    }
  });

  it('flags anything else', () => {
    expect(decideReply({ kind: 'other' }, context())).toEqual({
      kind: 'needsAttention',
      reason: 'unrecognised',
    });
  });
});

describe('currentWorkOrder', () => {
  it('picks the newest work order that is still open', () => {
    const wo = (id: string, receivedAt: string, status: 'AwaitingCustomer' | 'Closed' | 'Cancelled') => ({
      id,
      receivedAt,
      state:
        status === 'Closed'
          ? { status, outcome: 'completed' as const }
          : status === 'Cancelled'
            ? { status, by: 'utility' as const }
            : { status },
    });
    const picked = currentWorkOrder([
      wo('old', '2026-10-01T00:00:00Z', 'AwaitingCustomer'),
      wo('closed', '2026-11-20T00:00:00Z', 'Closed'),
      wo('mid', '2026-11-01T00:00:00Z', 'AwaitingCustomer'),
      wo('cancelled', '2026-11-21T00:00:00Z', 'Cancelled'),
    ]);
    expect(picked?.id).toBe('mid');
    expect(currentWorkOrder([wo('closed', '2026-11-20T00:00:00Z', 'Closed')])).toBeUndefined();
  });
});

describe('replyText', () => {
  const tz = 'Europe/Brussels';

  it('lists the offered slots as numbered choices in the customer language and time zone', () => {
    expect(replyText({ kind: 'choices', offers }, 'en', tz)).toBe(
      'Reply 1 for Wed 25 Nov 08:00–12:00, 2 for Wed 25 Nov 12:00–16:00, 3 for Thu 26 Nov 08:00–12:00.',
    );
    expect(replyText({ kind: 'slotGone', offers: offers.slice(0, 1) }, 'nl', tz)).toBe(
      'Dat moment is niet meer vrij. Antwoord 1 voor wo 25 nov 08:00–12:00.',
    );
    expect(replyText({ kind: 'choices', offers: offers.slice(0, 1) }, 'fr', tz)).toBe(
      'Répondez 1 pour mer. 25 nov. 08:00–12:00.',
    );
  });

  it('fills every reply in every language, naming the keywords of that language', () => {
    const window = { windowStart: '2026-11-26T07:00:00Z', windowEnd: '2026-11-26T11:00:00Z' };
    const texts = [
      { kind: 'choices', offers },
      { kind: 'booked', window },
      { kind: 'slotGone', offers },
      { kind: 'noSlots' },
      { kind: 'alreadyBooked', window },
      { kind: 'confirmed', window },
      { kind: 'link', link: 'https://x.test/s/t' },
      { kind: 'stopped' },
      { kind: 'started' },
      { kind: 'help' },
    ] as const;
    for (const language of ['nl', 'fr', 'en'] as const) {
      for (const text of texts) {
        const filled = replyText(text, language, tz);
        expect(filled).not.toMatch(/[{}]/);
        expect(filled.length).toBeLessThanOrEqual(306);
      }
    }
    expect(replyText({ kind: 'help' }, 'nl', tz)).toMatch(/JA.*WIJZIG.*STOP/);
    expect(replyText({ kind: 'help' }, 'fr', tz)).toMatch(/OUI.*MODIFIER.*STOP/);
    expect(replyText({ kind: 'help' }, 'en', tz)).toMatch(/YES.*CHANGE.*STOP/);
    expect(replyText({ kind: 'confirmed', window }, 'nl', tz)).toContain('do 26 nov 08:00–12:00');
  });
});
