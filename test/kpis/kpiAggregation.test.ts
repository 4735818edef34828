import { describe, expect, it } from 'vitest';
import type { Versioned } from '../../shared/common/versioned';
import {
  applyKpiFact,
  emptyKpiDay,
  KpiRange,
  kpiDateOf,
  kpiDayId,
  kpiReport,
  kpiShards,
  maxFactIds,
  monthsOf,
  recordKpiFact,
  sketchBucketOf,
  sketchQuantile,
  sketchRelativeError,
  type KpiDay,
  type KpiDayStore,
  type KpiFact,
} from '../../shared/kpis';

const now = '2026-01-05T12:00:00.000Z';
const completed = (workOrderId: string, hours: number, slaMet = true): KpiFact => ({
  kind: 'visitCompleted',
  workOrderId,
  at: new Date(Date.parse('2026-01-05T10:00:00Z') + hours * 3_600_000).toISOString(),
  receivedAt: '2026-01-05T10:00:00Z',
  slaMet,
  firstVisit: true,
});
const apply = (day: KpiDay, ...facts: KpiFact[]): KpiDay =>
  facts.reduce((current, fact) => applyKpiFact(current, fact, now) ?? current, day);

/** An in-memory day store whose first `conflicts` replaces fail, as a concurrent writer would make them. */
function memoryDays(conflicts = 0): KpiDayStore & { days: Map<string, Versioned<KpiDay>> } {
  const days = new Map<string, Versioned<KpiDay>>();
  let version = 0;
  let toFail = conflicts;
  return {
    days,
    read: async (date, shard) => days.get(kpiDayId(date, shard)),
    create: async (day) => {
      if (days.has(day.id)) return 'exists';
      days.set(day.id, { value: day, etag: String(++version) });
      return 'created';
    },
    replace: async (day, etag) => {
      if (toFail > 0 || days.get(day.id)?.etag !== etag) {
        toFail -= 1;
        return 'conflict';
      }
      days.set(day.id, { value: day, etag: String(++version) });
      return 'replaced';
    },
    listMonth: async (month) => [...days.values()].map((v) => v.value).filter((d) => d.month === month),
  };
}

describe('KPI day counters', () => {
  it('counts a fact once, however often it is applied', () => {
    const fact: KpiFact = {
      kind: 'caseResolved',
      caseId: 'CASE-000001',
      at: now,
      firstCall: true,
      slaMet: true,
    };
    const once = applyKpiFact(emptyKpiDay('2026-01-05', now), fact, now);
    expect(once?.counters).toMatchObject({ casesResolved: 1, firstCallResolved: 1, caseSlaMet: 1 });
    expect(applyKpiFact(once!, fact, now)).toBeUndefined();
    const again = applyKpiFact(once!, { ...fact, at: '2026-01-05T13:00:00.000Z' }, now);
    expect(again?.counters.casesResolved).toBe(2);
  });

  it('counts a case’s escalation and a work order’s survey once, whatever the time reported', () => {
    const day = apply(
      emptyKpiDay('2026-01-05', now),
      { kind: 'caseEscalated', caseId: 'CASE-000001', at: now },
      { kind: 'caseEscalated', caseId: 'CASE-000001', at: '2026-01-05T15:00:00Z' },
      { kind: 'surveyAnswered', workOrderId: 'WO-1', at: now, score: 4 },
      { kind: 'surveyAnswered', workOrderId: 'WO-1', at: '2026-01-05T15:00:00Z', score: 1 },
    );
    expect(day.counters).toMatchObject({ casesEscalated: 1, surveys: 1, surveyScoreTotal: 4 });
  });

  it('keeps the most recent fact ids only, bounded', () => {
    let day = emptyKpiDay('2026-01-05', now);
    for (let i = 0; i < maxFactIds + 20; i++)
      day = apply(day, { kind: 'caseOpened', caseId: `C-${i}`, at: now });
    expect(day.factIds).toHaveLength(maxFactIds);
    expect(day.counters.casesOpened).toBe(maxFactIds + 20);
    // The newest is still recognised as a repeat.
    expect(
      applyKpiFact(day, { kind: 'caseOpened', caseId: `C-${maxFactIds + 19}`, at: now }, now),
    ).toBeUndefined();
  });

  it('puts facts on the Brussels day they happened', () => {
    expect(kpiDateOf('2026-01-05T23:30:00Z')).toBe('2026-01-06');
    expect(kpiDateOf('2026-07-05T21:59:00Z')).toBe('2026-07-05');
    expect(kpiDateOf('2026-07-05T22:00:00Z')).toBe('2026-07-06');
  });

  it('records through the store, retrying on ETag conflicts and dropping repeats', async () => {
    const store = memoryDays(3);
    const fact: KpiFact = { kind: 'noContact', workOrderId: 'WO-1', at: now };
    expect(await recordKpiFact(store, { kind: 'caseOpened', caseId: 'C-1', at: now }, new Date(now))).toBe(
      'recorded',
    );
    expect(await recordKpiFact(store, fact, new Date(now))).toBe('recorded');
    expect(await recordKpiFact(store, fact, new Date(now))).toBe('duplicate');
    const monday = kpiReport(
      '2026-01-05',
      '2026-01-05',
      await store.listMonth('2026-01', '2026-01-05', '2026-01-05'),
    );
    expect(monday).toMatchObject({ daysWithData: 1, dispatch: { opened: 1 }, noContact: { workOrders: 1 } });
  });

  it('spreads a day over its documents, a repeated fact always going to the same one', async () => {
    const store = memoryDays();
    const opened = (i: number): KpiFact => ({ kind: 'caseOpened', caseId: `C-${i}`, at: now });
    for (let i = 0; i < 200; i++) await recordKpiFact(store, opened(i), new Date(now));
    for (let i = 0; i < 200; i++)
      expect(await recordKpiFact(store, opened(i), new Date(now))).toBe('duplicate');
    const documents = [...store.days.values()].map((v) => v.value);
    expect(documents.length).toBe(kpiShards);
    expect(documents.reduce((sum, day) => sum + day.counters.casesOpened, 0)).toBe(200);
    expect(documents.map((day) => day.id)).toContain('KPI-2026-01-05');
  });
});

describe('resolution time from the sketch', () => {
  it('keeps every duration within the stated relative error', () => {
    for (const minutes of [2, 59, 61, 540, 1_234.5, 20_160, 86_400]) {
      const estimate = sketchQuantile({ [String(sketchBucketOf(minutes))]: 1 }, 0.5) ?? 0;
      expect(Math.abs(estimate - minutes) / minutes).toBeLessThanOrEqual(sketchRelativeError);
    }
    expect(sketchBucketOf(0)).toBe(0);
  });

  it('takes the median of an even count as the mean of the middle two (PERCENTILE.INC)', () => {
    // 3 h, 5 h, 13 h, 29 h: median (5 + 13) / 2 = 9 h; p90 at rank 2.7 → 13 + 0.7 × 16 = 24.2 h.
    const day = apply(
      emptyKpiDay('2026-01-05', now),
      completed('A', 3),
      completed('B', 5),
      completed('C', 13),
      completed('D', 29),
    );
    expect((sketchQuantile(day.resolutionSketch, 0.5) ?? 0) / 60).toBeCloseTo(9, 0);
    expect(Math.abs((sketchQuantile(day.resolutionSketch, 0.5) ?? 0) / 60 - 9) / 9).toBeLessThanOrEqual(
      sketchRelativeError,
    );
    expect(Math.abs((sketchQuantile(day.resolutionSketch, 0.9) ?? 0) / 60 - 24.2) / 24.2).toBeLessThanOrEqual(
      sketchRelativeError,
    );
    expect(sketchQuantile({}, 0.5)).toBeNull();
  });
});

describe('KPI report over days', () => {
  it('gives null rates for zero denominators, not 0 or NaN', () => {
    const report = kpiReport('2026-01-01', '2026-01-31', []);
    expect(report.firstTimeFix.rate).toBeNull();
    expect(report.resolvedWithoutFieldService.rate).toBeNull();
    expect(report.dispatch.rate).toBeNull();
    expect(report.noContact.rate).toBeNull();
    expect(report.noShow.rate).toBeNull();
    expect(report.satisfaction).toMatchObject({ average: null, satisfiedRate: null });
    expect(report.caseSla.rate).toBeNull();
    expect(report.workOrderSla.rate).toBeNull();
    expect(report.resolutionTime).toMatchObject({ completions: 0, medianHours: null, averageHours: null });
  });

  it('adds days in the range and leaves out days outside it', () => {
    const monday = apply(
      emptyKpiDay('2026-01-05', now),
      { kind: 'caseOpened', caseId: 'C-1', at: now },
      { kind: 'caseOpened', caseId: 'C-2', at: now },
      { kind: 'caseEscalated', caseId: 'C-1', at: now },
      { kind: 'visitIncomplete', workOrderId: 'WO-1', at: now, reason: 'customerAbsent' },
      completed('WO-2', 3, false),
      { kind: 'slaBreached', subject: 'workOrder', subjectId: 'WO-2', at: now },
    );
    const tuesday = apply(
      emptyKpiDay('2026-01-06', now),
      { kind: 'caseOpened', caseId: 'C-3', at: now },
      { kind: 'visitIncomplete', workOrderId: 'WO-3', at: now, reason: 'accessDenied' },
      completed('WO-4', 5),
    );
    const outside = apply(emptyKpiDay('2026-02-01', now), { kind: 'caseOpened', caseId: 'C-9', at: now });
    const report = kpiReport('2026-01-01', '2026-01-31', [monday, tuesday, outside]);
    // Opened 3 (C-1, C-2, C-3), escalated 1 → 1/3. Visits 4 (2 incomplete, 2 completed), 1 no-show → 1/4.
    expect(report.dispatch).toEqual({ rate: 1 / 3, escalated: 1, opened: 3 });
    expect(report.noShow).toEqual({ rate: 0.25, noShows: 1, visits: 4 });
    // SLA: WO-2 missed, WO-4 met → 1/2. Average of 3 h and 5 h = 4 h.
    expect(report.workOrderSla).toEqual({ rate: 0.5, met: 1, missed: 1 });
    expect(report.caseSla).toEqual({ rate: null, met: 0, missed: 0 });
    expect(report.resolutionTime.averageHours).toBe(4);
    expect(report.daysWithData).toBe(2);
  });
});

describe('KPI range', () => {
  it('accepts up to 366 days and names the field otherwise', () => {
    expect(KpiRange.safeParse({ from: '2024-01-01', to: '2024-12-31' }).success).toBe(true);
    const tooLong = KpiRange.safeParse({ from: '2024-01-01', to: '2025-01-01' });
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues[0]?.path).toEqual(['to']);
    expect(KpiRange.safeParse({ from: '2026-02-01', to: '2026-01-31' }).error?.issues[0]?.path).toEqual([
      'to',
    ]);
    expect(KpiRange.safeParse({ from: '2026-02-30', to: '2026-03-01' }).error?.issues[0]?.path).toEqual([
      'from',
    ]);
  });

  it('names each month partition once, at most 13', () => {
    expect(monthsOf({ from: '2025-12-15', to: '2026-02-01' })).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(monthsOf({ from: '2024-01-31', to: '2025-01-30' })).toHaveLength(13);
    expect(monthsOf({ from: '2026-01-05', to: '2026-01-05' })).toEqual(['2026-01']);
  });
});
