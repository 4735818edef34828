import { createHash } from 'node:crypto';
import type { SlaView } from './slaClock';
import type { TimelineEvent, TimelineSubjectType } from '../timeline/timelineEvent';

export type SlaLevel = 'warning' | 'breached';

/** A threshold an SLA clock has passed, and when it passed it. */
export interface SlaCrossing {
  readonly metric: string;
  readonly level: SlaLevel;
  readonly at: string;
  readonly priority: string;
  readonly targetMinutes: number;
}

/**
 * The thresholds each clock has passed by `now`. A view's `warningAt`/`failedAt` is the actual
 * crossing once it lies in the past and a projection while it lies ahead, so "at or before now"
 * is exactly "crossed" — also for a clock that crossed and was then paused or stopped.
 */
export function slaCrossings<M extends string>(
  clocks: Readonly<Record<M, SlaView>>,
  now: Date,
): SlaCrossing[] {
  const crossings: SlaCrossing[] = [];
  for (const [metric, view] of Object.entries<SlaView>(clocks)) {
    if (view.priority === undefined || view.targetMinutes === undefined) continue;
    const { priority, targetMinutes } = view;
    const passed = (at: string | undefined, level: SlaLevel) => {
      if (at !== undefined && Date.parse(at) <= now.getTime())
        crossings.push({ metric, level, at, priority, targetMinutes });
    };
    passed(view.warningAt, 'warning');
    passed(view.failedAt, 'breached');
  }
  return crossings;
}

/**
 * One timeline event per crossing. The id names the subject, clock, level and priority, not the
 * sweep, so every later sweep lands on the same document. A priority change re-targets the clock
 * (see `slaAt`) and is a new crossing of the new target.
 */
export function slaCrossingEvent(
  subjectType: TimelineSubjectType,
  subjectId: string,
  crossing: SlaCrossing,
): TimelineEvent {
  const digest = createHash('sha256')
    .update(JSON.stringify([subjectId, crossing.metric, crossing.level, crossing.priority]))
    .digest('hex')
    .slice(0, 32);
  const what = crossing.level === 'warning' ? 'nears its target' : 'missed its target';
  return {
    id: `EV-sla-${digest}`,
    docType: 'event',
    subjectId,
    subjectType,
    type: crossing.level === 'warning' ? 'sla.warning' : 'sla.breached',
    occurredAt: crossing.at,
    actor: { kind: 'system', id: 'sla-sweep' },
    summary: `${crossing.metric} SLA ${what} (${crossing.priority}, ${crossing.targetMinutes} min)`,
    data: { metric: crossing.metric, priority: crossing.priority, targetMinutes: crossing.targetMinutes },
  };
}
