import { addBusinessMillis, businessMillisBetween, type BusinessCalendar } from './businessCalendar';
import type { SlaLogEntry } from './slaLog';

export type SlaState = 'notStarted' | 'running' | 'paused' | 'warning' | 'failed' | 'met';

export interface SlaSegment {
  readonly from: string;
  readonly to: string;
  readonly kind: 'active' | 'paused';
}

export interface SlaView {
  readonly state: SlaState;
  readonly priority?: string;
  readonly targetMinutes?: number;
  readonly elapsedMinutes: number;
  /** When the warning threshold was, or (if the clock keeps running) will be, crossed. */
  readonly warningAt?: string;
  readonly failedAt?: string;
  readonly segments: readonly SlaSegment[];
}

export interface SlaTerms {
  /** Target in business minutes for a priority; the latest priority applies to the whole clock. */
  readonly targetMinutes: (priority: string) => number;
  /** Fraction of the target at which the clock warns, e.g. 0.75. */
  readonly warningFraction: number;
  readonly calendar?: BusinessCalendar;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Active/paused stretches from the log; `open` is the running stretch's start when not stopped. */
function segmentsOf(log: readonly SlaLogEntry[], now: number) {
  const entries = [...log].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const segments: Array<{ from: number; to: number; kind: 'active' | 'paused' }> = [];
  let priority: string | undefined;
  let mode: 'idle' | 'active' | 'paused' | 'stopped' = 'idle';
  let since = 0;
  const close = (at: number) => {
    if (mode === 'active' || mode === 'paused') segments.push({ from: since, to: at, kind: mode });
  };
  for (const entry of entries) {
    const at = Math.min(Date.parse(entry.at), now);
    switch (entry.kind) {
      case 'start':
        priority = entry.priority;
        if (mode === 'idle') {
          mode = 'active';
          since = at;
        }
        break;
      case 'priority':
        priority = entry.priority;
        break;
      case 'pause':
        if (mode === 'active') {
          close(at);
          mode = 'paused';
          since = at;
        }
        break;
      case 'resume':
        if (mode === 'paused' || mode === 'stopped') {
          close(at);
          mode = 'active';
          since = at;
        }
        break;
      case 'stop':
        if (mode === 'active' || mode === 'paused') {
          close(at);
          mode = 'stopped';
        }
        break;
      default: {
        const unhandled: never = entry;
        throw new Error(`unknown SLA entry ${JSON.stringify(unhandled)}`);
      }
    }
  }
  close(now);
  return { segments, priority, mode };
}

/** The instant the active stretches accumulate `threshold` ms, if they do. */
function crossing(
  segments: ReadonlyArray<{ from: number; to: number; kind: 'active' | 'paused' }>,
  threshold: number,
  calendar: BusinessCalendar | undefined,
): number | undefined {
  let before = 0;
  for (const segment of segments) {
    if (segment.kind !== 'active') continue;
    const span = businessMillisBetween(calendar, segment.from, segment.to);
    if (before + span >= threshold) return addBusinessMillis(calendar, segment.from, threshold - before);
    before += span;
  }
  return undefined;
}

/**
 * An SLA clock at `now`, derived from its log only. Failure outranks pause (a breached case put on
 * hold is still breached), and a priority change re-targets the whole clock, as if the new
 * priority had applied from the start.
 */
export function slaAt(log: readonly SlaLogEntry[], terms: SlaTerms, now: Date): SlaView {
  const nowMs = now.getTime();
  const { segments, priority, mode } = segmentsOf(log, nowMs);
  const views = segments.map((s) => ({ from: iso(s.from), to: iso(s.to), kind: s.kind }));
  if (priority === undefined || mode === 'idle')
    return { state: 'notStarted', elapsedMinutes: 0, segments: views };
  const target = terms.targetMinutes(priority) * 60_000;
  const warning = target * terms.warningFraction;
  const elapsed = segments
    .filter((s) => s.kind === 'active')
    .reduce((sum, s) => sum + businessMillisBetween(terms.calendar, s.from, s.to), 0);
  const running = mode === 'active';
  const projected = (threshold: number): number | undefined =>
    crossing(segments, threshold, terms.calendar) ??
    (running ? addBusinessMillis(terms.calendar, nowMs, threshold - elapsed) : undefined);
  const warningAt = projected(warning);
  const failedAt = projected(target);
  const state: SlaState =
    elapsed >= target
      ? 'failed'
      : mode === 'stopped'
        ? 'met'
        : mode === 'paused'
          ? 'paused'
          : elapsed >= warning
            ? 'warning'
            : 'running';
  return {
    state,
    priority,
    targetMinutes: target / 60_000,
    elapsedMinutes: Math.round(elapsed / 60_000),
    ...(warningAt === undefined ? {} : { warningAt: iso(warningAt) }),
    ...(failedAt === undefined ? {} : { failedAt: iso(failedAt) }),
    segments: views,
  };
}
