import { describe, expect, it } from 'vitest';
import { contactIndexIdFor } from '../../../shared/customers/contactIndex';
import { customerIdFor } from '../../../shared/customers/customer';
import { preferredChannelOf } from '../../../shared/customers/preferredChannel';

describe('preferredChannelOf', () => {
  it('honours a usable stated preference', () => {
    expect(
      preferredChannelOf({ phone: '+32470000001', email: 'a@example.com', preferredChannel: 'email' }),
    ).toBe('email');
  });

  it('prefers SMS when nothing is stated and a phone exists', () => {
    expect(preferredChannelOf({ phone: '+32470000001', email: 'a@example.com' })).toBe('sms');
    expect(preferredChannelOf({ email: 'a@example.com' })).toBe('email');
  });

  it('falls back to email after an SMS opt-out, and to nothing without another channel', () => {
    expect(
      preferredChannelOf({
        phone: '+32470000001',
        email: 'a@example.com',
        preferredChannel: 'sms',
        smsOptedOut: true,
      }),
    ).toBe('email');
    expect(preferredChannelOf({ phone: '+32470000001', smsOptedOut: true })).toBeUndefined();
  });
});

describe('customer ids', () => {
  it('follow from the work-order id', () => {
    expect(customerIdFor('WO-FLUVIUS-WO~2F2026~2F000123')).toBe('CU-FLUVIUS-WO~2F2026~2F000123');
  });

  it('index contact points by a digest that ignores formatting and never shows the value', () => {
    const id = contactIndexIdFor('sms', '+32470000001');
    expect(id).toMatch(/^CI-sms-[0-9a-f]{40}$/);
    expect(contactIndexIdFor('sms', '+32 470 00 00 01')).toBe(id);
    expect(contactIndexIdFor('email', ' An.Peeters@Example.com ')).toBe(
      contactIndexIdFor('email', 'an.peeters@example.com'),
    );
    expect(contactIndexIdFor('sms', '+32470000002')).not.toBe(id);
  });
});
