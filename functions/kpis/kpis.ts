import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { cosmosKpiDays } from '../../shared/adapters/cosmos/kpiStore';
import { grants, rolesOf } from '../../shared/identity/access';
import { KpiRange, kpiReport, monthsOf } from '../../shared/kpis';
import { authenticate } from '../cases/access';
import { partsOf, queryOf } from '../cases/request';
import { cosmos } from '../platform';

/**
 * The KPIs over a range of local days, from the per-day counters: one single-partition query per
 * month touched (at most 13), however many cases and work orders the range had.
 */
async function kpisHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const identity = authenticate(request, rolesOf(grants.caseWork));
  if (!identity.ok) return identity.error;
  const range = partsOf(queryOf(request), KpiRange, 'query');
  if (!range.ok) return range.error;
  const { from, to } = range.value;
  const days = cosmosKpiDays(cosmos());
  const months = await Promise.all(monthsOf(range.value).map((month) => days.listMonth(month, from, to)));
  return { jsonBody: kpiReport(from, to, months.flat()) };
}

app.http('kpis', {
  route: 'kpis',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: kpisHandler,
});
