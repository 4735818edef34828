import { addBusinessMillis, businessMillisBetween, type BusinessCalendar } from './businessCalendar';
import { slaLogRank, type SlaLogEntry } from './slaLog';

export type SlaState = 'notStarted' | 'running' | 'paused' | 'warning' | 'failed' | 'met' | 'cancelled';

export interface SlaSegment {
  readonly from: string;
  readonly to: string;
  readonly kind: 'active' | 'paused';
}

/** The next threshold a running clock will pass, if nothing pauses or stops it first. */
export interface SlaDeadline {
  readonly level: 'warning' | 'breached';
  readonly at: string;
}

export interface SlaView {
  readonly state: SlaState;
  readonly priority?: string;
  readonly targetMinutes?: number;
  readonly elapsedMinutes: number;
  /** When the warning threshold was, or (if the clock keeps running) will be, crossed. */
  readonly warningAt?: string;
  /** When the target was (or will be) missed; for abandoned work, when it ended if that came first. */
  readonly failedAt?: string;
  /** Only while the clock runs: paused, stopped and cancelled clocks have no deadline ahead. */
  readonly nextDeadline?: SlaDeadline;
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

/**
 * The log as a set in a total order: by time, then `slaLogRank`, then content. Any arrival order
 * and any repeats of the same entries give the same clock. Entries stamped before the start (a
 * phone whose clock is behind) count as happening at the start.
 */
export function orderedLog(log: readonly SlaLogEntry[]): SlaLogEntry[] {
  const unique = new Map(log.map((entry) => [JSON.stringify(entry), entry] as const));
  const keyed = [...unique.entries()].map(([key, entry]) => ({ key, entry, at: Date.parse(entry.at) }));
  const starts = keyed.filter((item) => item.entry.kind === 'start').map((item) => item.at);
  const startAt = starts.length === 0 ? -Infinity : Math.min(...starts);
  return keyed
    .map((item) => ({ ...item, at: Math.max(item.at, startAt) }))
    .sort(
      (a, b) =>
        a.at - b.at ||
        slaLogRank[a.entry.kind] - slaLogRank[b.entry.kind] ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    )
    .map((item) => ({ ...item.entry, at: iso(item.at) }));
}

type Mode = 'idle' | 'active' | 'paused' | 'stopped' | 'abandoned' | 'cancelled';

/** Active/paused stretches from the log, and how the clock stands at `now`. */
function segmentsOf(log: readonly SlaLogEntry[], now: number) {
  const segments: Array<{ from: number; to: number; kind: 'active' | 'paused' }> = [];
  let priority: string | undefined;
  let mode = 'idle' as Mode;
  let since = 0;
  let endedAt: number | undefined;
  const close = (at: number) => {
    if (mode === 'active' || mode === 'paused') segments.push({ from: since, to: at, kind: mode });
  };
  const become = (next: Mode, at: number) => {
    close(at);
    mode = next;
    since = at;
  };
  for (const entry of orderedLog(log)) {
    const at = Date.parse(entry.at);
    if (at > now) break;
    switch (entry.kind) {
      case 'start':
        priority = entry.priority;
        if (mode === 'idle') become('active', at);
        break;
      case 'priority':
        priority = entry.priority;
        break;
      case 'pause':
        if (mode === 'active') become('paused', at);
        break;
      case 'resume':
        if (mode === 'paused') become('active', at);
        break;
      case 'reopen':
        if (mode === 'stopped') become('active', at);
        break;
      case 'stop':
        if (mode === 'active' || mode === 'paused') become('stopped', at);
        break;
      case 'abandon':
        if (mode === 'active' || mode === 'paused') {
          become('abandoned', at);
          endedAt = at;
        }
        break;
      case 'cancel':
        if (mode !== 'idle' && mode !== 'cancelled') become('cancelled', at);
        break;
      default: {
        const unhandled: never = entry;
        throw new Error(`unknown SLA entry ${JSON.stringify(unhandled)}`);
      }
    }
  }
  close(now);
  return { segments, priority, mode, endedAt };
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
 * An SLA clock at `now`, a pure function of its log. Failure outranks pause (a breached case put
 * on hold is still breached), a priority change re-targets the whole clock as if the new priority
 * had applied from the start, and entries after `now` are not yet known.
 */
export function slaAt(log: readonly SlaLogEntry[], terms: SlaTerms, now: Date): SlaView {
  const nowMs = now.getTime();
  const { segments, priority, mode, endedAt } = segmentsOf(log, nowMs);
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
  const crossedAt = projected(target);
  const failedAt = crossedAt ?? endedAt;
  const state: SlaState =
    elapsed >= target || mode === 'abandoned'
      ? 'failed'
      : mode === 'cancelled'
        ? 'cancelled'
        : mode === 'stopped'
          ? 'met'
          : mode === 'paused'
            ? 'paused'
            : elapsed >= warning
              ? 'warning'
              : 'running';
  const nextDeadline: SlaDeadline | undefined = !running
    ? undefined
    : warningAt !== undefined && warningAt > nowMs
      ? { level: 'warning', at: iso(warningAt) }
      : crossedAt !== undefined && crossedAt > nowMs
        ? { level: 'breached', at: iso(crossedAt) }
        : undefined;
  return {
    state,
    priority,
    targetMinutes: target / 60_000,
    elapsedMinutes: Math.round(elapsed / 60_000),
    ...(warningAt === undefined ? {} : { warningAt: iso(warningAt) }),
    ...(failedAt === undefined ? {} : { failedAt: iso(failedAt) }),
    ...(nextDeadline === undefined ? {} : { nextDeadline }),
    segments: views,
  };
}

/** The earliest deadline ahead among several clocks of one record: when a sweep next needs to look. */
export function nextDeadlineOf(views: readonly SlaView[]): SlaDeadline | undefined {
  return views
    .map((view) => view.nextDeadline)
    .filter((deadline): deadline is SlaDeadline => deadline !== undefined)
    .reduce<SlaDeadline | undefined>(
      (soonest, deadline) => (soonest === undefined || deadline.at < soonest.at ? deadline : soonest),
      undefined,
    );
}
