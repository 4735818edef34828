import { splitDue, type DeadlineIndex, type DeadlineEntry, type SlaSubject } from './deadlineIndex';
import type { SlaCrossing } from './slaCrossings';

/** Writes a crossing's event and KPI once; false when it was already written. */
export type CrossingRecorder = (subject: SlaSubject, crossing: SlaCrossing) => Promise<boolean>;

export interface DeadlineSweepResult {
  readonly entriesRead: number;
  readonly crossingsWritten: number;
  readonly subjects: readonly string[];
}

const subjectOf = (entry: DeadlineEntry): SlaSubject => ({
  type: entry.subjectType,
  id: entry.subjectId,
  correlationId: entry.correlationId,
});

/**
 * One sweep: the entries whose hour has come, their due crossings recorded, what is still ahead
 * put back at its own hour (only if no writer moved the entry meanwhile), then the cursor moved
 * on. The index holds what the clocks said at their last change, so nothing is recomputed here.
 */
export async function sweepDeadlines(
  index: DeadlineIndex,
  record: CrossingRecorder,
  now: Date,
): Promise<DeadlineSweepResult> {
  const entries = await index.due(now);
  let written = 0;
  for (const entry of entries) {
    const subject = subjectOf(entry);
    const { due, ahead } = splitDue(entry, now);
    for (const crossing of due) if (await record(subject, crossing)) written += 1;
    await index.schedule(subject, ahead, now, { ifVersion: entry.version });
  }
  await index.sweptUntil(now);
  return {
    entriesRead: entries.length,
    crossingsWritten: written,
    subjects: entries.map((entry) => `${entry.subjectType}:${entry.subjectId}`),
  };
}
