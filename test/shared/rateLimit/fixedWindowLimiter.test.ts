import { describe, expect, it } from 'vitest';
import { FixedWindowLimiter } from '../../../shared/rateLimit/fixedWindowLimiter';

describe('fixed-window rate limiter', () => {
  it('allows the limit per key per window and says when to come back', () => {
    const limiter = new FixedWindowLimiter(3, 60_000);
    const at = 120_000 + 15_000;
    expect([1, 2, 3].map(() => limiter.take('a', at).allowed)).toEqual([true, true, true]);
    expect(limiter.take('a', at)).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(limiter.take('b', at).allowed).toBe(true);
    expect(limiter.take('a', 180_000).allowed).toBe(true);
  });

  it('keeps memory bounded by dropping keys from past windows', () => {
    const limiter = new FixedWindowLimiter(1, 1_000, 10);
    for (let key = 0; key < 10; key++) limiter.take(`k${key}`, 0);
    expect(limiter.take('k0', 500).allowed).toBe(false);
    limiter.take('late', 1_500);
    expect(limiter.take('k0', 1_600).allowed).toBe(true);
  });
});
