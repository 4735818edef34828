export interface PlannedFailure {
  /** An email address or phone number, as the app addresses it (email compared case-insensitively). */
  readonly to: string;
  /** The HTTP status the send to that recipient answers with, e.g. 400 or 503. */
  readonly status: number;
}

/** One-shot failures queued per recipient, so a test can drive the app's delivery-failure path. */
export class FailurePlan {
  private readonly pending = new Map<string, number[]>();

  add(failure: PlannedFailure): void {
    const key = failure.to.toLowerCase();
    this.pending.set(key, [...(this.pending.get(key) ?? []), failure.status]);
  }

  /** The status planned for the first of `recipients` that has one, consuming only that one. */
  take(recipients: readonly string[]): number | undefined {
    for (const recipient of recipients) {
      const key = recipient.toLowerCase();
      const [status, ...rest] = this.pending.get(key) ?? [];
      if (status === undefined) continue;
      if (rest.length > 0) this.pending.set(key, rest);
      else this.pending.delete(key);
      return status;
    }
    return undefined;
  }

  clear(): void {
    this.pending.clear();
  }
}
