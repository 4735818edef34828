/**
 * Counts requests per key in fixed one-window buckets. In-process, so each Functions instance
 * limits on its own: enough to stop one client hammering a link or guessing tokens, while the
 * platform in front (Front Door / API Management) carries the global limits. Keys whose window
 * has passed are dropped as new ones arrive, so memory stays bounded by recent clients.
 */
export class FixedWindowLimiter {
  readonly #counts = new Map<string, { windowStart: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 50_000,
  ) {}

  /** Whether this request may go ahead, and if not, in how many seconds it may. */
  take(
    key: string,
    now: number,
  ): { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number } {
    const windowStart = now - (now % this.windowMs);
    const entry = this.#counts.get(key);
    if (entry === undefined || entry.windowStart !== windowStart) {
      if (this.#counts.size >= this.maxKeys) this.#evict(windowStart);
      this.#counts.set(key, { windowStart, count: 1 });
      return { allowed: true };
    }
    if (entry.count >= this.limit) {
      return { allowed: false, retryAfterSeconds: Math.ceil((windowStart + this.windowMs - now) / 1000) };
    }
    entry.count++;
    return { allowed: true };
  }

  #evict(currentWindow: number): void {
    for (const [key, entry] of this.#counts)
      if (entry.windowStart !== currentWindow) this.#counts.delete(key);
    if (this.#counts.size >= this.maxKeys) this.#counts.clear();
  }
}
