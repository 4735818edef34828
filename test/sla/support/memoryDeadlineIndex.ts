import {
  bucketFor,
  bucketsBetween,
  deadlineBucketOf,
  deadlineEntryId,
  type DeadlineEntry,
  type DeadlineIndex,
} from '../../../shared/sla/deadlineIndex';

/**
 * The deadline index in memory, with the Cosmos adapter's semantics (hour buckets, a pointer per
 * subject, a cursor), counting the bucket queries a sweep makes and the entries it gets back.
 */
export class MemoryDeadlineIndex implements DeadlineIndex {
  readonly buckets = new Map<string, Map<string, DeadlineEntry>>();
  readonly pointers = new Map<string, { bucket?: string; version: number }>();
  sweptBefore: Date | undefined;
  queries = 0;
  readonly read: Array<{ readonly at: string; readonly subjectId: string; readonly dueAt: string }> = [];

  async schedule(...[subject, crossings, now, options = {}]: Parameters<DeadlineIndex['schedule']>) {
    const id = deadlineEntryId(subject);
    const pointer = this.pointers.get(id) ?? { version: 0 };
    if (options.ifVersion !== undefined && options.ifVersion !== pointer.version)
      return 'superseded' as const;
    const old = pointer.bucket;
    if (crossings.length === 0) {
      if (old === undefined) return 'unchanged' as const;
      this.buckets.get(old)?.delete(id);
      this.pointers.set(id, { version: pointer.version + 1 });
      return 'removed' as const;
    }
    const { bucket, dueAt } = bucketFor(crossings, now);
    const entry: DeadlineEntry = {
      id,
      docType: 'slaDeadline',
      bucket,
      subjectType: subject.type,
      subjectId: subject.id,
      ...(subject.correlationId === undefined ? {} : { correlationId: subject.correlationId }),
      dueAt,
      crossings: [...crossings],
      version: pointer.version + 1,
    };
    if (!this.buckets.has(bucket)) this.buckets.set(bucket, new Map());
    this.buckets.get(bucket)!.set(id, entry);
    this.pointers.set(id, { bucket, version: entry.version });
    if (old !== undefined && old !== bucket) this.buckets.get(old)?.delete(id);
    return 'scheduled' as const;
  }

  /** Reads the version, then the crossings; writes only if no schedule moved the entry in between. */
  async reschedule(...[subject, now, crossingsNow]: Parameters<DeadlineIndex['reschedule']>) {
    const id = deadlineEntryId(subject);
    for (;;) {
      const version = this.pointers.get(id)?.version ?? 0;
      const current = await crossingsNow();
      if (current === undefined) return 'unchanged' as const;
      if ((this.pointers.get(id)?.version ?? 0) !== version) continue;
      return this.schedule({ ...subject, correlationId: current.correlationId }, current.crossings, now);
    }
  }

  async due(now: Date) {
    const from = this.sweptBefore ?? new Date(now.getTime() - 2 * 3_600_000);
    const entries: DeadlineEntry[] = [];
    for (const bucket of bucketsBetween(from, now)) {
      this.queries += 1;
      for (const entry of this.buckets.get(bucket)?.values() ?? [])
        if (Date.parse(entry.dueAt) <= now.getTime()) entries.push(entry);
    }
    for (const entry of entries)
      this.read.push({ at: now.toISOString(), subjectId: entry.subjectId, dueAt: entry.dueAt });
    return entries;
  }

  async sweptUntil(now: Date) {
    this.sweptBefore = new Date(`${deadlineBucketOf(now).slice(2)}:00:00.000Z`);
  }

  /** Entries held, over all buckets. */
  get size(): number {
    return [...this.buckets.values()].reduce((sum, bucket) => sum + bucket.size, 0);
  }
}
