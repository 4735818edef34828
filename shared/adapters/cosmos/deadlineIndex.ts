import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  bucketFor,
  bucketsBetween,
  DeadlineEntry,
  deadlineBucketOf,
  deadlineEntryId,
  type DeadlineIndex,
  type ScheduledCrossing,
  type SlaSubject,
} from '../../sla/deadlineIndex';
import type { CosmosStore } from '../clients/cosmos';
import { cosmosStatusOf, createItem, readItem, replaceItemAt } from './items';

/** Where a subject's entry is now; in the subject's own partition, found by a point read. */
const DeadlinePointer = z.object({
  id: z.string(),
  docType: z.literal('slaDeadlinePointer'),
  bucket: z.string(),
  /** The bucket the entry is in, absent once it was taken out. */
  entryBucket: z.string().optional(),
  dueAt: z.string().optional(),
  /** A digest of the entry's crossings: a re-indexing that changes nothing writes nothing. */
  crossings: z.string().optional(),
  version: z.int().min(0),
});
type DeadlinePointer = z.infer<typeof DeadlinePointer>;

const SweepCursor = z.object({
  id: z.literal('sweepCursor'),
  bucket: z.literal('cursor'),
  sweptBefore: z.string(),
});

const pointerBucket = (type: string, id: string) => `S-${type}-${id}`;

const entryOf = (
  subject: SlaSubject,
  id: string,
  bucket: string,
  dueAt: string,
  crossings: readonly ScheduledCrossing[],
  version: number,
): DeadlineEntry => ({
  id,
  docType: 'slaDeadline',
  bucket,
  subjectType: subject.type,
  subjectId: subject.id,
  ...(subject.correlationId === undefined ? {} : { correlationId: subject.correlationId }),
  dueAt,
  crossings: [...crossings],
  version,
});

const digestOf = (crossings: readonly ScheduledCrossing[]): string =>
  createHash('sha256').update(JSON.stringify(crossings)).digest('hex').slice(0, 32);

const pointerOf = (
  subject: SlaSubject,
  id: string,
  bucket: string,
  dueAt: string,
  crossings: readonly ScheduledCrossing[],
  version: number,
): DeadlinePointer => ({
  id,
  docType: 'slaDeadlinePointer',
  bucket: pointerBucket(subject.type, subject.id),
  entryBucket: bucket,
  dueAt,
  crossings: digestOf(crossings),
  version,
});

/**
 * The pointer is written after its entry, so one that matches says the entry does too (a
 * redelivery, or a journey event that did not move the clocks).
 */
const matches = (
  pointer: DeadlinePointer | undefined,
  bucket: string,
  dueAt: string,
  crossings: readonly ScheduledCrossing[],
): boolean =>
  pointer?.entryBucket === bucket && pointer.dueAt === dueAt && pointer.crossings === digestOf(crossings);

/** Writers that moved one subject's entry under a `reschedule` this often make it give up. */
const maxConflicts = 5;

/** The oldest hour a first sweep (no cursor yet) looks back to. */
const firstSweepLookbackMs = 2 * 3_600_000;

/**
 * The `deadlines` container, partitioned by `bucket`: an hour's entries (`H-<UTC hour>`), each
 * subject's pointer to its entry (`S-<type>-<id>`), and the sweep's cursor. Moving an entry
 * writes the new one before its pointer and takes out the old one after, so a crash leaves it
 * findable at the new hour; the sweep takes only entries their pointer names, so a leftover (at
 * the old hour, or where a writer died before its pointer) is never recorded.
 */
export function cosmosDeadlineIndex(store: CosmosStore): DeadlineIndex {
  const deadlines = store.container('deadlines');
  const remove = async (id: string, bucket: string) => {
    try {
      await deadlines.item(id, bucket).delete();
    } catch (error) {
      if (cosmosStatusOf(error) !== 404) throw error;
    }
  };
  return {
    async schedule(subject, crossings, now, options = {}) {
      const id = deadlineEntryId(subject);
      if (options.fresh === true && crossings.length > 0) {
        // A new subject has no pointer to read: its entry and a created pointer, two requests. A
        // crash in between leaves an entry at version 1 that the redelivery writes again; a
        // pointer that exists after all (409) is read and moved below like any other.
        const { bucket, dueAt } = bucketFor(crossings, now);
        await deadlines.items.upsert(entryOf(subject, id, bucket, dueAt, crossings, 1));
        const pointer = pointerOf(subject, id, bucket, dueAt, crossings, 1);
        if ((await createItem(deadlines, pointer)) === 'created') return 'scheduled';
      }
      const stored = await readItem(deadlines, id, pointerBucket(subject.type, subject.id));
      const pointer = stored === undefined ? undefined : DeadlinePointer.parse(stored.resource);
      const version = pointer?.version ?? 0;
      if (options.ifVersion !== undefined && options.ifVersion !== version) return 'superseded';
      if (crossings.length === 0) {
        if (pointer?.entryBucket === undefined) return 'unchanged';
        await deadlines.items.upsert({
          ...pointer,
          entryBucket: undefined,
          dueAt: undefined,
          crossings: undefined,
          version: version + 1,
        });
        await remove(id, pointer.entryBucket);
        return 'removed';
      }
      const { bucket, dueAt } = bucketFor(crossings, now);
      if (matches(pointer, bucket, dueAt, crossings)) return 'unchanged';
      await deadlines.items.upsert(entryOf(subject, id, bucket, dueAt, crossings, version + 1));
      await deadlines.items.upsert(pointerOf(subject, id, bucket, dueAt, crossings, version + 1));
      if (pointer?.entryBucket !== undefined && pointer.entryBucket !== bucket)
        await remove(id, pointer.entryBucket);
      return 'scheduled';
    },
    async reschedule(subject, now, crossingsNow) {
      const id = deadlineEntryId(subject);
      // Where a lost attempt wrote its entry: taken out once an attempt wins elsewhere.
      const lost = new Set<string>();
      for (let attempt = 0; attempt < maxConflicts; attempt++) {
        // The pointer first, then what the clocks are made of: a writer that moves the entry
        // after this read changes the pointer's ETag, so this attempt's write is refused.
        const stored = await readItem(deadlines, id, pointerBucket(subject.type, subject.id));
        const pointer = stored === undefined ? undefined : DeadlinePointer.parse(stored.resource);
        const current = await crossingsNow();
        if (current === undefined) return 'unchanged';
        const { crossings } = current;
        const subjectNow = { ...subject, correlationId: current.correlationId };
        const version = (pointer?.version ?? 0) + 1;
        const commit = async (next: DeadlinePointer | Omit<DeadlinePointer, 'entryBucket'>) =>
          stored === undefined
            ? (await createItem(deadlines, next)) === 'created'
            : (await replaceItemAt(deadlines, next, next.bucket, stored.etag)) === 'replaced';
        if (crossings.length === 0) {
          if (pointer?.entryBucket === undefined) return 'unchanged';
          const { entryBucket: _gone, dueAt: _due, crossings: _digest, ...kept } = pointer;
          if (!(await commit({ ...kept, version }))) continue;
          await remove(id, pointer.entryBucket);
          return 'removed';
        }
        const { bucket, dueAt } = bucketFor(crossings, now);
        // After a lost attempt the entry may hold the other writer's crossings or ours: write it.
        if (attempt === 0 && matches(pointer, bucket, dueAt, crossings)) return 'unchanged';
        await deadlines.items.upsert(entryOf(subjectNow, id, bucket, dueAt, crossings, version));
        if (!(await commit(pointerOf(subjectNow, id, bucket, dueAt, crossings, version)))) {
          lost.add(bucket);
          continue;
        }
        if (pointer?.entryBucket !== undefined) lost.add(pointer.entryBucket);
        lost.delete(bucket);
        await Promise.all([...lost].map((old) => remove(id, old)));
        return 'scheduled';
      }
      throw new Error(`deadlines of ${subject.type} ${subject.id} kept moving; the caller retries`);
    },
    async due(now) {
      const cursor = await readItem(deadlines, 'sweepCursor', 'cursor');
      const from =
        cursor === undefined
          ? new Date(now.getTime() - firstSweepLookbackMs)
          : new Date(SweepCursor.parse(cursor.resource).sweptBefore);
      const entries: DeadlineEntry[] = [];
      for (const bucket of bucketsBetween(from, now)) {
        const { resources } = await deadlines.items
          .query({
            query:
              "SELECT * FROM c WHERE c.bucket = @bucket AND c.docType = 'slaDeadline' AND c.dueAt <= @now",
            parameters: [
              { name: '@bucket', value: bucket },
              { name: '@now', value: now.toISOString() },
            ],
          })
          .fetchAll();
        entries.push(...resources.map((resource) => DeadlineEntry.parse(resource)));
      }
      // Only an entry its pointer names is the subject's: one left where a writer died before its
      // pointer, or by one that lost to another, is passed over (a point read each, side by side).
      const current = await Promise.all(
        entries.map(async (entry) => {
          const stored = await readItem(
            deadlines,
            entry.id,
            pointerBucket(entry.subjectType, entry.subjectId),
          );
          const pointer = stored === undefined ? undefined : DeadlinePointer.parse(stored.resource);
          return pointer?.entryBucket === entry.bucket && pointer.version === entry.version;
        }),
      );
      return entries.filter((_, i) => current[i]);
    },
    async sweptUntil(now) {
      const hourStart = deadlineBucketOf(now).slice(2);
      await deadlines.items.upsert({
        id: 'sweepCursor',
        bucket: 'cursor',
        sweptBefore: `${hourStart}:00:00.000Z`,
      });
    },
  };
}
