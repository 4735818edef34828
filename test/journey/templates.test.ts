import { describe, expect, it } from 'vitest';
import { Language } from '../../shared/common/contact';
import {
  composeMessage,
  formatWindow,
  placeholdersOf,
  templateFor,
} from '../../shared/journey/composeMessage';
import { JourneyPurpose, linksByPurpose } from '../../shared/journey/purposes';

const suppliedBy = (purpose: JourneyPurpose): Set<string> =>
  new Set(['company', 'window', 'eta', ...Object.keys(linksByPurpose[purpose])]);

describe('message templates', () => {
  for (const language of Language.options) {
    for (const purpose of JourneyPurpose.options) {
      it(`${language}/${purpose} is well formed and uses only values the journey supplies`, () => {
        const template = templateFor(purpose, language);
        expect(template.ok).toBe(true);
        if (!template.ok) return;
        const used = placeholdersOf(template.value);
        for (const name of used) expect(suppliedBy(purpose)).toContain(name);
        for (const link of Object.keys(linksByPurpose[purpose])) expect(used).toContain(link);
      });
    }
  }

  it('fills placeholders for the channel asked for', () => {
    const sms = composeMessage('invitation', 'fr', 'sms', {
      company: 'Fieldline',
      bookingLink: 'https://x.test/b/1',
    });
    expect(sms).toEqual({
      ok: true,
      value: { channel: 'sms', text: expect.stringContaining('https://x.test/b/1') },
    });
    const email = composeMessage('invitation', 'nl', 'email', {
      company: 'Fieldline',
      bookingLink: 'https://x.test/b/1',
    });
    expect(email.ok && email.value.channel === 'email' && email.value.subject).toBe('Maak uw afspraak');
  });

  it('refuses to compose when a value is missing instead of sending a raw placeholder', () => {
    const composed = composeMessage('reminder', 'en', 'sms', { company: 'Fieldline', window: 'Tuesday' });
    expect(composed).toEqual({ ok: false, error: expect.stringContaining('rescheduleLink') });
  });

  it('writes the window in the language and time zone of the customer', () => {
    const start = new Date('2026-03-10T07:00:00Z');
    const end = new Date('2026-03-10T09:00:00Z');
    expect(formatWindow(start, end, 'en', 'Europe/Brussels')).toBe('Tuesday 10 March, 08:00–10:00');
    expect(formatWindow(start, end, 'nl', 'Europe/Brussels')).toBe('dinsdag 10 maart, 08:00–10:00');
    expect(formatWindow(start, end, 'fr', 'Europe/Brussels')).toBe('mardi 10 mars, 08:00–10:00');
  });
});
