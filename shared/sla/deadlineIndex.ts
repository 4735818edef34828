import { z } from 'zod';
import { EntityId } from '../common/identifiers';
import { IsoInstant } from '../common/time';
import type { SlaView } from './slaClock';
import type { SlaCrossing } from './slaCrossings';

export const SlaSubjectType = z.enum(['case', 'workOrder']);
export type SlaSubjectType = z.infer<typeof SlaSubjectType>;

export interface SlaSubject {
  readonly type: SlaSubjectType;
  readonly id: string;
  /** Carried onto the crossing's timeline event and logs. */
  readonly correlationId?: string | undefined;
}

/** A threshold the sweep will record when its time comes, unless the clock changes first. */
export const ScheduledCrossing = z.object({
  metric: z.string().min(1),
  level: z.enum(['warning', 'breached']),
  at: IsoInstant,
  priority: z.string().min(1),
  targetMinutes: z.number().min(0),
});
export type ScheduledCrossing = z.infer<typeof ScheduledCrossing>;

/**
 * One subject's entry in the deadline index, in the bucket of the hour its earliest crossing is
 * due (`bucket`, the partition key): the sweep reads only the buckets whose hour has come, so its
 * cost follows what is due, not what is open. `crossings` are all the subject's thresholds still
 * to record, earliest first; `version` counts the subject's re-indexings, so a sweep that read an
 * entry never writes back over one a writer moved meanwhile.
 */
export const DeadlineEntry = z.object({
  id: z.string().min(1),
  docType: z.literal('slaDeadline'),
  bucket: z.string().min(1),
  subjectType: SlaSubjectType,
  subjectId: EntityId,
  correlationId: z.string().min(1).optional(),
  dueAt: IsoInstant,
  crossings: z.array(ScheduledCrossing).min(1),
  version: z.int().min(1),
});
export type DeadlineEntry = z.infer<typeof DeadlineEntry>;

/** `H-2026-01-05T08`: the UTC hour an instant falls in. */
export const deadlineBucketOf = (at: string | Date): string => `H-${new Date(at).toISOString().slice(0, 13)}`;

/** Every hour bucket from `from`'s hour up to and including `to`'s, oldest first. */
export function bucketsBetween(from: Date, to: Date): string[] {
  const hour = 3_600_000;
  const buckets: string[] = [];
  for (let ms = Math.floor(from.getTime() / hour) * hour; ms <= to.getTime(); ms += hour)
    buckets.push(deadlineBucketOf(new Date(ms)));
  return buckets;
}

export const deadlineEntryId = (subject: Pick<SlaSubject, 'type' | 'id'>): string =>
  `DL-${subject.type}-${subject.id}`;

/**
 * What a record's clocks still have to cross, as they stand at its latest change. A view has a
 * threshold ahead only while its clock runs (`nextDeadline` and the one after it); otherwise its
 * `warningAt`/`failedAt` are crossings that already happened, which the sweep records at once
 * (idempotently: each crossing's event id is fixed). So a paused, stopped or cancelled clock
 * schedules nothing ahead, and a moved clock schedules its new times only.
 */
export function scheduledCrossingsOf<M extends string>(
  clocks: Readonly<Record<M, SlaView>>,
): ScheduledCrossing[] {
  const scheduled: ScheduledCrossing[] = [];
  for (const [metric, view] of Object.entries<SlaView>(clocks)) {
    const { priority, targetMinutes } = view;
    if (priority === undefined || targetMinutes === undefined) continue;
    if (view.warningAt !== undefined)
      scheduled.push({ metric, level: 'warning', at: view.warningAt, priority, targetMinutes });
    if (view.failedAt !== undefined)
      scheduled.push({ metric, level: 'breached', at: view.failedAt, priority, targetMinutes });
  }
  return scheduled.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The crossings of an entry that are due at `now`, and those still ahead. */
export function splitDue(
  entry: Pick<DeadlineEntry, 'crossings'>,
  now: Date,
): { readonly due: SlaCrossing[]; readonly ahead: ScheduledCrossing[] } {
  const due = entry.crossings.filter((c) => Date.parse(c.at) <= now.getTime());
  const ahead = entry.crossings.filter((c) => Date.parse(c.at) > now.getTime());
  return { due, ahead };
}

export type DeadlineScheduling = 'scheduled' | 'unchanged' | 'removed' | 'superseded';

/**
 * Where an entry goes: its earliest crossing's hour, or `now`'s when that crossing has passed
 * (a bucket before the sweep's last hour would never be read again).
 */
export const bucketFor = (
  crossings: readonly ScheduledCrossing[],
  now: Date,
): { bucket: string; dueAt: string } => {
  const earliest = crossings[0]?.at ?? now.toISOString();
  const dueAt = Date.parse(earliest) < now.getTime() ? now.toISOString() : earliest;
  return { bucket: deadlineBucketOf(dueAt), dueAt };
};

/** What a subject's clocks have still to cross, as `reschedule` reads them. */
export interface CurrentCrossings {
  readonly crossings: readonly ScheduledCrossing[];
  readonly correlationId?: string | undefined;
}

/** The deadline index's storage port; Cosmos DB behind it (`shared/adapters/cosmos/deadlineIndex.ts`). */
export interface DeadlineIndex {
  /**
   * Puts the subject's entry in the bucket of its earliest crossing, taking it out of the bucket
   * it was in; with no crossings, takes it out altogether. `ifVersion`: only if the entry is still
   * at that version (the sweep writing back what it read). `fresh`: the subject was created just
   * now, so it most likely has no entry to find or move (one that has after all is moved as usual).
   */
  schedule(
    subject: SlaSubject,
    crossings: readonly ScheduledCrossing[],
    now: Date,
    options?: { readonly ifVersion?: number; readonly fresh?: boolean },
  ): Promise<DeadlineScheduling>;
  /**
   * Re-indexes from crossings worked out after the subject's entry was looked up: `crossingsNow`
   * reads what the clocks are made of, with the correlation id (`undefined`: the subject is gone). When another writer
   * moves the entry in between, this attempt's write is refused and `crossingsNow` is asked
   * again, so of two writers the one that read last decides, never one that read before it.
   */
  reschedule(
    subject: SlaSubject,
    now: Date,
    crossingsNow: () => Promise<CurrentCrossings | undefined>,
  ): Promise<DeadlineScheduling>;
  /** The entries due at `now`: the buckets from the last sweep's hour to `now`'s, one query each. */
  due(now: Date): Promise<readonly DeadlineEntry[]>;
  /** Records that every bucket before `now`'s hour has been swept. */
  sweptUntil(now: Date): Promise<void>;
}
