import { describe, expect, it } from 'vitest';
import { kpiSeries, periodFor, zeroCounters, type KpiDayCounts } from '../../shared/kpis';
import { kpiReport } from '../../shared/kpis/kpiReport';
import { kpiChart } from '../../web/console/kpiChart';
import { kpiMetrics } from '../../web/console/kpiMetrics';
import { kpisCsv } from '../../web/console/kpisCsv';

const day = (date: string, counters: Partial<typeof zeroCounters>): KpiDayCounts => ({
  date,
  shard: 0,
  counters: { ...zeroCounters, ...counters },
  resolutionSketch: {},
});

describe('the KPIs dashboard’s numbers, charts and CSV', () => {
  it('bars a month by day, a quarter by Monday-started week, a year by month', () => {
    expect(periodFor('2026-11-01', '2026-11-30')).toBe('day');
    expect(periodFor('2026-09-01', '2026-11-30')).toBe('week');
    expect(periodFor('2026-01-01', '2026-12-31')).toBe('month');
    const weeks = kpiSeries('2026-11-04', '2026-11-17', [], 'week');
    // Wednesday 4 November starts a clipped week; 9 and 16 November are Mondays.
    expect(weeks.map((w) => [w.from, w.to])).toEqual([
      ['2026-11-04', '2026-11-08'],
      ['2026-11-09', '2026-11-15'],
      ['2026-11-16', '2026-11-17'],
    ]);
  });

  it('computes each period as the whole range is, and leaves a day without data as no data', () => {
    const days = [
      day('2026-11-09', { completions: 4, firstTimeFixes: 3 }),
      day('2026-11-11', { completions: 1, firstTimeFixes: 1 }),
    ];
    const series = kpiSeries('2026-11-09', '2026-11-15', days, 'week');
    expect(series).toHaveLength(1);
    expect(series[0]?.report.firstTimeFix).toEqual(kpiReport('2026-11-09', '2026-11-15', days).firstTimeFix);
    const daily = kpiSeries('2026-11-09', '2026-11-11', days, 'day');
    expect(daily.map((point) => point.report.firstTimeFix.rate)).toEqual([0.75, null, 1]);
  });

  it('draws a bar per period with data and only a mark for one without', () => {
    const metric = kpiMetrics.find((m) => m.key === 'firstTimeFix')!;
    const points = kpiSeries('2026-11-09', '2026-11-11', [
      day('2026-11-09', { completions: 2, firstTimeFixes: 1 }),
    ]);
    const svg = kpiChart(metric, points).value;
    expect(svg.match(/class="bar"/g)).toHaveLength(1);
    expect(svg.match(/class="none"/g)).toHaveLength(2);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('1 of 3 periods with data');
  });

  it('writes RFC 4180 CSV: a header, a row per day, the range last, empty cells for no data', () => {
    const days = [day('2026-11-09', { visits: 10, noShows: 1 })];
    const csv = kpisCsv(
      '2026-11-09',
      '2026-11-10',
      kpiSeries('2026-11-09', '2026-11-10', days, 'day'),
      kpiReport('2026-11-09', '2026-11-10', days),
    );
    const lines = csv.split('\r\n');
    expect(lines.at(-1)).toBe('');
    const [header, first, second, range] = lines;
    const columns = header!.split(',');
    const at = (line: string, name: string) => line.split(',')[columns.indexOf(name)];
    expect(columns.slice(0, 3)).toEqual(['period', 'from', 'to']);
    expect(at(first!, 'no_show_rate')).toBe('0.1000');
    expect(at(second!, 'no_show_rate')).toBe('');
    expect(at(range!, 'period')).toBe('range');
    expect(at(range!, 'visits')).toBe('10');
  });
});
