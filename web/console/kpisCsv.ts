import type { KpiReport } from '../../shared/kpis/kpiReport';
import type { KpiPoint } from '../../shared/kpis/kpiSeries';

const columns: readonly (readonly [string, (report: KpiReport) => number | null])[] = [
  ['first_time_fix_rate', (r) => r.firstTimeFix.rate],
  ['first_visit_fixes', (r) => r.firstTimeFix.firstVisitFixes],
  ['completed', (r) => r.firstTimeFix.completed],
  ['dispatch_rate', (r) => r.dispatch.rate],
  ['cases_opened', (r) => r.dispatch.opened],
  ['cases_escalated', (r) => r.dispatch.escalated],
  ['end_to_end_average_hours', (r) => r.resolutionTime.averageHours],
  ['end_to_end_median_hours', (r) => r.resolutionTime.medianHours],
  ['end_to_end_p90_hours', (r) => r.resolutionTime.p90Hours],
  ['csat_satisfied_rate', (r) => r.satisfaction.satisfiedRate],
  ['csat_average', (r) => r.satisfaction.average],
  ['survey_answers', (r) => r.satisfaction.answers],
  ['no_contact_rate', (r) => r.noContact.rate],
  ['work_orders_contacted', (r) => r.noContact.contacted],
  ['work_orders_no_contact', (r) => r.noContact.workOrders],
  ['no_show_rate', (r) => r.noShow.rate],
  ['visits', (r) => r.noShow.visits],
  ['no_shows', (r) => r.noShow.noShows],
  ['work_order_sla_rate', (r) => r.workOrderSla.rate],
  ['work_order_sla_met', (r) => r.workOrderSla.met],
  ['work_order_sla_missed', (r) => r.workOrderSla.missed],
  ['case_sla_rate', (r) => r.caseSla.rate],
  ['case_sla_met', (r) => r.caseSla.met],
  ['case_sla_missed', (r) => r.caseSla.missed],
];

/** Rates as fractions with up to 4 decimals; an empty cell is "no data", never 0. */
const cell = (value: number | null): string =>
  value === null ? '' : Number.isInteger(value) ? String(value) : value.toFixed(4);

/**
 * RFC 4180 CSV (CRLF, header row): one row per day of the range (`day`), then the range as a whole (`range`). Every
 * cell is a date or a number, so nothing a spreadsheet could run as a formula is ever written.
 */
export function kpisCsv(from: string, to: string, days: readonly KpiPoint[], total: KpiReport): string {
  const header = ['period', 'from', 'to', ...columns.map(([name]) => name)].join(',');
  const row = (period: 'day' | 'range', first: string, last: string, report: KpiReport) =>
    [period, first, last, ...columns.map(([, read]) => cell(read(report)))].join(',');
  return [
    header,
    ...days.map((day) => row('day', day.from, day.to, day.report)),
    row('range', from, to, total),
  ]
    .map((line) => `${line}\r\n`)
    .join('');
}
