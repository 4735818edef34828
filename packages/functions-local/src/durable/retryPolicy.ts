import type { RetryOptions } from './orchestratorState';

export type RetryDecision =
  { readonly kind: 'retryAfter'; readonly delayMs: number } | { readonly kind: 'timedOut' };

/**
 * When to try again after the `failedAttempt`-th attempt (1-based) failed, as the Durable Task
 * Framework's retry interceptor computes it: first interval × coefficient^(attempt-1), capped by
 * the max interval; no further try once `retryTimeout` has elapsed since the first attempt.
 */
export function nextRetry(
  options: RetryOptions,
  failedAttempt: number,
  firstAttemptAt: number,
  now: number,
): RetryDecision {
  if (
    options.retryTimeoutInMilliseconds !== undefined &&
    now >= firstAttemptAt + options.retryTimeoutInMilliseconds
  ) {
    return { kind: 'timedOut' };
  }
  const coefficient = options.backoffCoefficient ?? 1;
  const delay = options.firstRetryIntervalInMilliseconds * Math.pow(coefficient, failedAttempt - 1);
  const cap = options.maxRetryIntervalInMilliseconds;
  return { kind: 'retryAfter', delayMs: cap !== undefined && delay > cap ? cap : delay };
}
