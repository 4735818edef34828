/** How long to wait between tries when the provider throttles; injectable so tests do not sleep. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const retryableStatuses = new Set([429, 503]);

/** HTTP status of an Azure SDK error (`RestError.statusCode`), if it has one. */
export const statusOf = (error: unknown): number | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
};

/** Seconds from a `Retry-After` header on the error's response, when the service sent one. */
const retryAfterMs = (error: unknown): number | undefined => {
  const headers = (error as { response?: { headers?: { get?: (name: string) => string | undefined } } })
    .response?.headers;
  const value = headers?.get?.('retry-after');
  const seconds = value === undefined ? NaN : Number(value);
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
};

export const isThrottled = (error: unknown): boolean => retryableStatuses.has(statusOf(error) ?? 0);

/**
 * Runs `operation` again after a 429 or 503, honouring Retry-After, with exponential backoff
 * otherwise. Other errors, and the last throttling error, are thrown to the caller.
 */
export async function withThrottlingRetry<T>(operation: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isThrottled(error) || attempt >= policy.maxAttempts) throw error;
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await policy.sleep(Math.min(policy.maxDelayMs, retryAfterMs(error) ?? backoff));
    }
  }
}
