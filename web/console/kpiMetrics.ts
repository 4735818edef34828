import type { KpiReport } from '../../shared/kpis/kpiReport';

/** One KPI as the dashboard charts it: its value in a report, and what that value is made of. */
export interface KpiMetric {
  readonly key: string;
  readonly title: string;
  readonly unit: 'rate' | 'hours';
  /** Higher is better for most; for the others the chart says "lower is better". */
  readonly better: 'higher' | 'lower';
  readonly value: (report: KpiReport) => number | null;
  readonly basis: (report: KpiReport) => string;
}

/** The KPIs of docs/ARCHITECTURE.md "KPIs", in the order managers read them. */
export const kpiMetrics: readonly KpiMetric[] = [
  {
    key: 'firstTimeFix',
    title: 'First-time fix',
    unit: 'rate',
    better: 'higher',
    value: (r) => r.firstTimeFix.rate,
    basis: (r) =>
      `${r.firstTimeFix.firstVisitFixes} of ${r.firstTimeFix.completed} completed jobs fixed on the first visit`,
  },
  {
    key: 'dispatch',
    title: 'Dispatch rate',
    unit: 'rate',
    better: 'lower',
    value: (r) => r.dispatch.rate,
    basis: (r) => `${r.dispatch.escalated} of ${r.dispatch.opened} cases opened needed field service`,
  },
  {
    key: 'endToEnd',
    title: 'End-to-end time (median)',
    unit: 'hours',
    better: 'lower',
    value: (r) => r.resolutionTime.medianHours,
    basis: (r) =>
      r.resolutionTime.averageHours === null
        ? 'no completed work orders'
        : `${r.resolutionTime.completions} completions, average ${r.resolutionTime.averageHours.toFixed(1)} h, p90 ${(r.resolutionTime.p90Hours ?? 0).toFixed(1)} h`,
  },
  {
    key: 'csat',
    title: 'CSAT (4 or 5 out of 5)',
    unit: 'rate',
    better: 'higher',
    value: (r) => r.satisfaction.satisfiedRate,
    basis: (r) =>
      `${r.satisfaction.satisfied} of ${r.satisfaction.answers} answers` +
      (r.satisfaction.average === null ? '' : `, mean ${r.satisfaction.average.toFixed(2)}`),
  },
  {
    key: 'noContact',
    title: 'No-contact rate',
    unit: 'rate',
    better: 'lower',
    value: (r) => r.noContact.rate,
    basis: (r) => `${r.noContact.workOrders} of ${r.noContact.contacted} work orders contacted went on hold`,
  },
  {
    key: 'noShow',
    title: 'No-show rate',
    unit: 'rate',
    better: 'lower',
    value: (r) => r.noShow.rate,
    basis: (r) => `${r.noShow.noShows} of ${r.noShow.visits} visits found nobody in`,
  },
  {
    key: 'workOrderSla',
    title: 'Work-order SLA met',
    unit: 'rate',
    better: 'higher',
    value: (r) => r.workOrderSla.rate,
    basis: (r) =>
      `${r.workOrderSla.met} met, ${r.workOrderSla.missed} missed; cases ${r.caseSla.met} met, ${r.caseSla.missed} missed`,
  },
];

export const formatMetric = (metric: KpiMetric, value: number | null): string =>
  value === null
    ? 'no data'
    : metric.unit === 'rate'
      ? `${(value * 100).toFixed(1)} %`
      : `${value.toFixed(1)} h`;
