import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  kpiDaysFor,
  kpiReport,
  monthsOf,
  recordKpiFact,
  recordKpiFactRolledUp,
  rollUpClosedMonths,
  type KpiFact,
} from '../../shared/kpis';
import { memoryKpiStores } from './support/memoryKpiStores';

const year = { from: '2025-01-01', to: '2025-12-31' };
const now = new Date('2026-02-10T10:00:00Z');

const aFact = fc
  .record({
    day: fc.integer({ min: 0, max: 364 }),
    minute: fc.integer({ min: 0, max: 1439 }),
    kind: fc.constantFrom('caseOpened', 'visitCompleted', 'noContact', 'surveyAnswered', 'slaBreached'),
    n: fc.integer({ min: 0, max: 400 }),
    hours: fc.integer({ min: 1, max: 200 }),
    score: fc.integer({ min: 1, max: 5 }),
  })
  .map(({ day, minute, kind, n, hours, score }): KpiFact => {
    const at = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000 + minute * 60_000).toISOString();
    const id = `WO-${n}-${day}`;
    switch (kind) {
      case 'caseOpened':
        return { kind, caseId: `CASE-${n}-${day}`, at };
      case 'visitCompleted':
        return {
          kind,
          workOrderId: id,
          at,
          receivedAt: new Date(Date.parse(at) - hours * 3_600_000).toISOString(),
          slaMet: hours < 72,
          firstVisit: n % 3 !== 0,
        };
      case 'noContact':
        return { kind, workOrderId: id, at };
      case 'surveyAnswered':
        return { kind, workOrderId: id, at, score };
      case 'slaBreached':
        return { kind, subject: 'workOrder', subjectId: id, at };
    }
  });

const raw = async (stores: ReturnType<typeof memoryKpiStores>, range: { from: string; to: string }) =>
  kpiReport(
    range.from,
    range.to,
    (await Promise.all(monthsOf(range).map((m) => stores.days.listMonth(m, range.from, range.to)))).flat(),
  );

describe('KPI month roll-ups', () => {
  it('a year report from roll-ups equals the report from the day documents, and reads 12 documents', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(aFact, { minLength: 1, maxLength: 120 }), async (facts) => {
        const stores = memoryKpiStores();
        for (const fact of facts) await recordKpiFact(stores.days, fact, now);
        await rollUpClosedMonths(stores.days, stores.rollups, monthsOf(year), now);
        const expected = await raw(stores, year);
        stores.calls.monthQueries = 0;
        stores.calls.rollupReads = 0;
        const fromRollups = kpiReport(
          year.from,
          year.to,
          await kpiDaysFor(stores.days, stores.rollups, year, '2026-02-10'),
        );
        expect(fromRollups).toEqual(expected);
        expect(stores.calls).toEqual({ monthQueries: 0, rollupReads: 12 });
      }),
      { numRuns: 40 },
    );
  });

  it('a range with part of a month reads that month’s days and the whole months’ roll-ups', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(aFact, { minLength: 1, maxLength: 80 }), async (facts) => {
        const stores = memoryKpiStores();
        for (const fact of facts) await recordKpiFact(stores.days, fact, now);
        await rollUpClosedMonths(stores.days, stores.rollups, monthsOf(year), now);
        const range = { from: '2025-03-15', to: '2025-12-31' };
        const expected = await raw(stores, range);
        stores.calls.monthQueries = 0;
        const report = kpiReport(
          range.from,
          range.to,
          await kpiDaysFor(stores.days, stores.rollups, range, '2026-02-10'),
        );
        expect(report).toEqual(expected);
        expect(stores.calls.monthQueries).toBe(1);
      }),
      { numRuns: 20 },
    );
  });

  it('a late fact for a closed month drops its roll-up, so the report still equals the raw one', async () => {
    const stores = memoryKpiStores();
    await recordKpiFact(
      stores.days,
      { kind: 'caseOpened', caseId: 'CASE-1', at: '2025-06-10T10:00:00Z' },
      now,
    );
    await rollUpClosedMonths(stores.days, stores.rollups, monthsOf(year), now);
    expect(stores.rollupMap.has('2025-06')).toBe(true);
    const late: KpiFact = {
      kind: 'slaBreached',
      subject: 'case',
      subjectId: 'CASE-1',
      at: '2025-06-11T10:00:00Z',
    };
    await recordKpiFactRolledUp(stores.days, stores.rollups, late, now);
    expect(stores.rollupMap.has('2025-06')).toBe(false);
    const report = kpiReport(
      year.from,
      year.to,
      await kpiDaysFor(stores.days, stores.rollups, year, '2026-02-10'),
    );
    expect(report).toEqual(await raw(stores, year));
    expect(report.caseSla.missed).toBe(1);
    // The next run rolls the month up again, with the late fact.
    expect(await rollUpClosedMonths(stores.days, stores.rollups, monthsOf(year), now)).toEqual(['2025-06']);
  });

  it('never rolls up the month still running', async () => {
    const stores = memoryKpiStores();
    expect(await rollUpClosedMonths(stores.days, stores.rollups, ['2026-01', '2026-02'], now)).toEqual([
      '2026-01',
    ]);
  });
});
