import type { Identity } from '../../shared/identity/principal';
import type { KpiReport } from '../../shared/kpis/kpiReport';
import type { KpiPeriod, KpiPoint } from '../../shared/kpis/kpiSeries';
import { html } from '../html';
import { staffLayout } from '../staff/staffLayout';
import { consoleAssets } from './assets';
import { kpiChart, kpiTable } from './kpiChart';
import { formatMetric, kpiMetrics } from './kpiMetrics';

export interface KpisPageData {
  readonly from: string;
  readonly to: string;
  readonly period: KpiPeriod;
  /** Absent when the range asked for was not valid; `errors` says why. */
  readonly total?: KpiReport | undefined;
  readonly points: readonly KpiPoint[];
  readonly errors: readonly string[];
}

const periodNames: Readonly<Record<KpiPeriod, string>> = { day: 'day', week: 'week', month: 'month' };

export const kpisCsvPath = (from: string, to: string): string =>
  `/api/console/kpis/export?${new URLSearchParams({ from, to }).toString()}`;

/** The KPIs over a chosen range of Brussels days: a headline per KPI and its chart per period. */
export function kpisPage(
  page: { readonly identity: Identity; readonly csrfToken: string },
  data: KpisPageData,
): string {
  const total = data.total;
  return staffLayout(
    {
      title: 'KPIs',
      area: 'kpis',
      identity: page.identity,
      csrfToken: page.csrfToken,
      assets: consoleAssets,
    },
    html`<h1>KPIs</h1>
      <form method="get" action="/api/console/kpis" class="filters" aria-label="Date range">
        <div>
          <label for="from">From</label>
          <input type="date" id="from" name="from" value="${data.from}" required />
        </div>
        <div>
          <label for="to">To</label>
          <input type="date" id="to" name="to" value="${data.to}" required />
        </div>
        <button type="submit">Show</button>
        ${
          total === undefined
            ? ''
            : html`<a class="button secondary" href="${kpisCsvPath(data.from, data.to)}" download
                >Download CSV</a
              >`
        }
      </form>
      ${
        data.errors.length === 0
          ? ''
          : html`<div class="notice error" role="alert">
              <p>The range could not be shown:</p>
              <ul>
                ${data.errors.map((error) => html`<li>${error}</li>`)}
              </ul>
            </div>`
      }
      ${
        total === undefined
          ? ''
          : html`<p>
                ${data.from} to ${data.to} (Brussels days), one bar per ${periodNames[data.period]};
                ${total.daysWithData} days with data.
              </p>
              <div class="kpi-grid">
                ${kpiMetrics.map(
                  (metric) =>
                    html`<section aria-labelledby="kpi-${metric.key}">
                      <h2 id="kpi-${metric.key}">${metric.title}</h2>
                      <p class="kpi-headline">${formatMetric(metric, metric.value(total))}</p>
                      <p class="kpi-basis">${metric.basis(total)}</p>
                      ${kpiChart(metric, data.points)} ${kpiTable(metric, data.points)}
                    </section>`,
                )}
              </div>`
      }`,
  );
}
