import { describe, expect, it } from 'vitest';
import { slaAt, type SlaTerms } from '../../shared/sla/slaClock';
import type { SlaLogEntry } from '../../shared/sla/slaLog';
import { slaCrossingEvent, slaCrossings } from '../../shared/sla/slaCrossings';
import { TimelineEvent } from '../../shared/timeline/timelineEvent';

/** Around the clock, 100 minutes, warning at 75. */
const terms: SlaTerms = { targetMinutes: () => 100, warningFraction: 0.75 };
const at = (minutes: number) => new Date(Date.parse('2026-01-05T09:00:00Z') + minutes * 60_000);
const iso = (minutes: number) => at(minutes).toISOString();
const crossingsAt = (log: SlaLogEntry[], minutes: number) =>
  slaCrossings({ resolution: slaAt(log, terms, at(minutes)) }, at(minutes)).map((c) => `${c.level}@${c.at}`);

describe('SLA crossing detection', () => {
  const running: SlaLogEntry[] = [{ kind: 'start', at: iso(0), priority: 'High' }];

  it('sees nothing before the warning threshold, though the view projects one', () => {
    expect(slaAt(running, terms, at(74)).warningAt).toBe(iso(75));
    expect(crossingsAt(running, 74)).toEqual([]);
  });

  it('sees the warning from its instant on, then the breach', () => {
    expect(crossingsAt(running, 75)).toEqual([`warning@${iso(75)}`]);
    expect(crossingsAt(running, 130)).toEqual([`warning@${iso(75)}`, `breached@${iso(100)}`]);
  });

  it('does not cross while paused, and moves the crossing by the pause', () => {
    const paused: SlaLogEntry[] = [...running, { kind: 'pause', at: iso(50) }];
    expect(crossingsAt(paused, 500)).toEqual([]);
    const resumed: SlaLogEntry[] = [...paused, { kind: 'resume', at: iso(550) }];
    expect(crossingsAt(resumed, 600)).toEqual([`warning@${iso(575)}`, `breached@${iso(600)}`]);
  });

  it('keeps a crossing that happened before the clock stopped, and none for a clock met in time', () => {
    const stoppedLate: SlaLogEntry[] = [...running, { kind: 'stop', at: iso(80) }];
    expect(crossingsAt(stoppedLate, 1000)).toEqual([`warning@${iso(75)}`]);
    const metEarly: SlaLogEntry[] = [...running, { kind: 'stop', at: iso(10) }];
    expect(crossingsAt(metEarly, 1000)).toEqual([]);
  });

  it('makes the same event for the same crossing on every sweep, a different one per level', () => {
    const [warning, breach] = slaCrossings({ resolution: slaAt(running, terms, at(130)) }, at(130));
    const first = slaCrossingEvent('case', 'CASE-000001', warning!);
    const later = slaCrossings({ resolution: slaAt(running, terms, at(400)) }, at(400))[0]!;
    expect(slaCrossingEvent('case', 'CASE-000001', later)).toEqual(first);
    expect(slaCrossingEvent('case', 'CASE-000001', breach!).id).not.toBe(first.id);
    expect(slaCrossingEvent('case', 'CASE-000002', warning!).id).not.toBe(first.id);
    expect(TimelineEvent.parse(first)).toMatchObject({ type: 'sla.warning', occurredAt: iso(75) });
  });
});
