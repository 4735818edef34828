import type { KpiPoint } from '../../shared/kpis/kpiSeries';
import { html, type SafeHtml } from '../html';
import { formatMetric, type KpiMetric } from './kpiMetrics';

const width = 400;
const height = 200;
const margin = { top: 12, right: 8, bottom: 28, left: 44 };
const plotWidth = width - margin.left - margin.right;
const plotHeight = height - margin.top - margin.bottom;

/** A round axis top above the largest value: 1, 2, 5 times a power of ten. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * power >= value) ?? 10;
  return step * power;
}

const label = (point: KpiPoint): string =>
  point.from === point.to ? point.from.slice(5) : `${point.from.slice(5)}–${point.to.slice(5)}`;

/**
 * A bar per period, drawn here from the numbers (no chart library, nothing loaded at run time).
 * A period without data gets a mark on the axis, not a zero bar. The SVG is an image with a text
 * alternative; the same numbers follow as a table for anyone who cannot see the bars.
 */
export function kpiChart(metric: KpiMetric, points: readonly KpiPoint[]): SafeHtml {
  const values = points.map((point) => metric.value(point.report));
  const known = values.filter((value): value is number => value !== null);
  const top = metric.unit === 'rate' ? 1 : niceCeiling(Math.max(0, ...known));
  const slot = plotWidth / Math.max(1, points.length);
  const barWidth = Math.max(1, slot * 0.7);
  const y = (value: number) => margin.top + plotHeight - (value / top) * plotHeight;
  const labelEvery = Math.max(1, Math.ceil(points.length / 6));
  const ticks = [0, 0.5, 1].map((share) => share * top);
  const titleId = `chart-${metric.key}-title`;
  const descId = `chart-${metric.key}-desc`;
  const best = known.length === 0 ? undefined : Math.max(...known);
  const worst = known.length === 0 ? undefined : Math.min(...known);
  const description =
    known.length === 0
      ? 'No data in this range.'
      : `${known.length} of ${points.length} periods with data, from ${formatMetric(metric, worst ?? null)} to ${formatMetric(metric, best ?? null)}. ${metric.better === 'higher' ? 'Higher' : 'Lower'} is better.`;
  return html`<svg
    class="chart"
    viewBox="0 0 ${width} ${height}"
    role="img"
    aria-labelledby="${titleId} ${descId}"
  >
    <title id="${titleId}">${metric.title} per period</title>
    <desc id="${descId}">${description}</desc>
    ${ticks.map(
      (tick) =>
        html`<line
            class="grid"
            x1="${margin.left}"
            x2="${width - margin.right}"
            y1="${y(tick)}"
            y2="${y(tick)}"
          />
          <text x="${margin.left - 4}" y="${y(tick) + 4}" text-anchor="end">
            ${metric.unit === 'rate' ? `${Math.round(tick * 100)}%` : `${tick}h`}
          </text>`,
    )}
    <line
      class="axis"
      x1="${margin.left}"
      x2="${width - margin.right}"
      y1="${margin.top + plotHeight}"
      y2="${margin.top + plotHeight}"
    />
    ${points.map((point, index) => {
      const value = values[index] ?? null;
      const x = margin.left + index * slot + (slot - barWidth) / 2;
      return html`${
        value === null
          ? html`<circle class="none" cx="${x + barWidth / 2}" cy="${margin.top + plotHeight - 3}" r="2" />`
          : html`<rect
              class="bar"
              x="${x.toFixed(1)}"
              y="${y(value).toFixed(1)}"
              width="${barWidth.toFixed(1)}"
              height="${(margin.top + plotHeight - y(value)).toFixed(1)}"
            />`
      }
      ${
        index % labelEvery === 0
          ? html`<text x="${(x + barWidth / 2).toFixed(1)}" y="${height - 10}" text-anchor="middle">
              ${label(point)}
            </text>`
          : ''
      }`;
    })}
  </svg>`;
}

/** The chart's numbers as a table, behind a disclosure. */
export function kpiTable(metric: KpiMetric, points: readonly KpiPoint[]): SafeHtml {
  return html`<details class="data">
    <summary>${metric.title}: the numbers</summary>
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col">Value</th>
            <th scope="col">Made of</th>
          </tr>
        </thead>
        <tbody>
          ${points.map(
            (point) =>
              html`<tr>
                <td>${point.from === point.to ? point.from : `${point.from} – ${point.to}`}</td>
                <td>${formatMetric(metric, metric.value(point.report))}</td>
                <td>${metric.basis(point.report)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </details>`;
}
