import { describe, expect, it } from 'vitest';
import { parseInboundMessage } from '../../shared/contracts/inbound/parseInboundMessage';
import { readInboundBody } from '../../shared/intake/inboundDelivery';
import { planSimulation } from '../../scripts/utility/simulation';

describe('the utility simulator', () => {
  const plan = planSimulation({ count: 2_000, invalid: 0.02, duplicates: 0.05, seed: 42 });
  const count = (expectation: string) => plan.filter((m) => m.expectation === expectation).length;

  it('plans exactly the requested number of messages, near the requested shares', () => {
    expect(plan).toHaveLength(2_000);
    expect(count('rejected')).toBeGreaterThan(20);
    expect(count('rejected')).toBeLessThan(60);
    expect(count('duplicate')).toBeGreaterThan(60);
    expect(count('duplicate')).toBeLessThan(140);
  });

  it('makes messages that the contract accepts or refuses as labelled', () => {
    for (const { message, expectation } of plan) {
      const body = readInboundBody(message.body);
      const valid = body.ok && parseInboundMessage(body.value).ok;
      expect(valid).toBe(expectation !== 'rejected');
    }
  });

  it('re-sends copies of earlier valid messages under new message ids', () => {
    const ids = new Set(plan.map((m) => m.message.messageId));
    expect(ids.size).toBe(plan.length);
    const accepted = new Set(plan.filter((m) => m.expectation === 'accepted').map((m) => m.externalId));
    expect(accepted.size).toBe(count('accepted'));
    for (const copy of plan.filter((m) => m.expectation === 'duplicate'))
      expect(accepted.has(copy.externalId)).toBe(true);
  });

  it('mixes phone-only, email-only and both, in three languages', () => {
    const customers = plan
      .filter((m) => m.expectation === 'accepted')
      .map(
        (m) =>
          (m.message.body as { customer: { phone?: string; email?: string; language: string } }).customer,
      );
    expect(customers.some((c) => c.phone && !c.email)).toBe(true);
    expect(customers.some((c) => !c.phone && c.email)).toBe(true);
    expect(customers.some((c) => c.phone && c.email)).toBe(true);
    expect(new Set(customers.map((c) => c.language))).toEqual(new Set(['nl', 'fr', 'en']));
  });

  it('is the same for the same seed', () => {
    const again = planSimulation({ count: 50, invalid: 0.02, duplicates: 0.05, seed: 42 });
    expect(again.map((m) => m.message.body)).toEqual(plan.slice(0, 50).map((m) => m.message.body));
  });
});
