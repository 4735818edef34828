import { describe, expect, it } from 'vitest';
import { nextRetry } from '../../src/durable/retryPolicy';

describe('nextRetry', () => {
  const options = {
    firstRetryIntervalInMilliseconds: 1000,
    maxNumberOfAttempts: 5,
    backoffCoefficient: 2,
    maxRetryIntervalInMilliseconds: 5000,
    retryTimeoutInMilliseconds: 60_000,
  };

  it('backs off by the coefficient from the first interval', () => {
    expect([1, 2, 3].map((attempt) => nextRetry(options, attempt, 0, 0))).toEqual([
      { kind: 'retryAfter', delayMs: 1000 },
      { kind: 'retryAfter', delayMs: 2000 },
      { kind: 'retryAfter', delayMs: 4000 },
    ]);
  });

  it('caps the delay at the maximum interval', () => {
    expect(nextRetry(options, 4, 0, 0)).toEqual({ kind: 'retryAfter', delayMs: 5000 });
  });

  it('stops once the retry timeout has elapsed since the first attempt', () => {
    expect(nextRetry(options, 1, 1000, 60_999)).toEqual({ kind: 'retryAfter', delayMs: 1000 });
    expect(nextRetry(options, 1, 1000, 61_000)).toEqual({ kind: 'timedOut' });
  });

  it('keeps a constant interval without a coefficient', () => {
    const plain = { firstRetryIntervalInMilliseconds: 250, maxNumberOfAttempts: 3 };
    expect(nextRetry(plain, 3, 0, 0)).toEqual({ kind: 'retryAfter', delayMs: 250 });
  });
});
