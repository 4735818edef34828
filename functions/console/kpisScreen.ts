import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { cosmosKpiDays } from '../../shared/adapters/cosmos/kpiStore';
import { appClock } from '../../shared/clock';
import { grants } from '../../shared/identity/access';
import {
  KpiRange,
  kpiReport,
  kpiSeries,
  kpiTimeZone,
  monthsOf,
  periodFor,
  type KpiDayCounts,
} from '../../shared/kpis';
import { validate } from '../../shared/validation';
import { kpisCsv } from '../../web/console/kpisCsv';
import { kpisPage } from '../../web/console/kpisPage';
import { errorResponse, badRequest } from '../http';
import { staffScreen } from '../staff/staffGate';
import { staffHtml, staffSecurityHeaders } from '../staff/staffResponses';
import { cosmos } from '../platform';
import { KpiPageQuery } from './schemas';

const brusselsDate = new Intl.DateTimeFormat('en-CA', { timeZone: kpiTimeZone });

/** Without a range: the last 30 Brussels days up to today. */
function defaultRange(now: Date): KpiRange {
  const today = brusselsDate.format(now);
  const from = brusselsDate.format(new Date(Date.parse(`${today}T12:00:00Z`) - 29 * 86_400_000));
  return { from, to: today };
}

function rangeOf(request: HttpRequest): {
  readonly asked: KpiRange;
  readonly valid: boolean;
  readonly errors: string[];
} {
  const fallback = defaultRange(appClock().now());
  const query = validate(KpiPageQuery, Object.fromEntries(request.query.entries()));
  const from = request.query.get('from') ?? fallback.from;
  const to = request.query.get('to') ?? fallback.to;
  const range = query.ok ? validate(KpiRange, { from, to }) : query;
  return range.ok
    ? { asked: range.value, valid: true, errors: [] }
    : {
        asked: { from, to },
        valid: false,
        errors: range.error.map((issue) => `${issue.path}: ${issue.message}`),
      };
}

/** One single-partition query per month touched, as the KPI API reads them. */
async function daysOf(range: KpiRange): Promise<KpiDayCounts[]> {
  const days = cosmosKpiDays(cosmos());
  const months = await Promise.all(
    monthsOf(range).map((month) => days.listMonth(month, range.from, range.to)),
  );
  return months.flat();
}

/** `GET /api/console/kpis[?from=&to=]`: the dashboard. An invalid range is shown back with why. */
async function kpisScreen(request: HttpRequest): Promise<HttpResponseInit> {
  const viewer = staffScreen(request, grants.kpiDashboard);
  if (!viewer.ok) return viewer.error;
  const { identity, csrfToken, cookies } = viewer.value;
  const { asked, valid, errors } = rangeOf(request);
  const period = valid ? periodFor(asked.from, asked.to) : 'day';
  const days = valid ? await daysOf(asked) : [];
  const body = kpisPage(
    { identity, csrfToken },
    {
      from: asked.from,
      to: asked.to,
      period,
      total: valid ? kpiReport(asked.from, asked.to, days) : undefined,
      points: valid ? kpiSeries(asked.from, asked.to, days, period) : [],
      errors,
    },
  );
  return staffHtml(body, valid ? 200 : 400, cookies);
}

/** `GET /api/console/kpis/export?from=&to=`: the same numbers as CSV, a row per day. */
async function kpisExport(request: HttpRequest): Promise<HttpResponseInit> {
  const viewer = staffScreen(request, grants.kpiDashboard);
  if (!viewer.ok)
    return viewer.error.status === 403
      ? errorResponse(403, 'not allowed')
      : errorResponse(401, 'authentication required');
  const range = validate(KpiRange, Object.fromEntries(request.query.entries()));
  if (!range.ok) return badRequest(range.error.map((issue) => ({ ...issue, path: `query.${issue.path}` })));
  const { from, to } = range.value;
  const days = await daysOf(range.value);
  return {
    status: 200,
    body: kpisCsv(from, to, kpiSeries(from, to, days, 'day'), kpiReport(from, to, days)),
    headers: {
      ...staffSecurityHeaders,
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="fieldline-kpis-${from}-${to}.csv"`,
    },
  };
}

app.http('consoleKpis', {
  route: 'console/kpis',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: kpisScreen,
});

app.http('consoleKpisExport', {
  route: 'console/kpis/export',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: kpisExport,
});
