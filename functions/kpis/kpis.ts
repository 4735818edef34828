import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { cosmosKpiDays, cosmosKpiRollups } from '../../shared/adapters/cosmos/kpiStore';
import { appClock } from '../../shared/clock';
import { grants, rolesOf } from '../../shared/identity/access';
import { kpiDateOf, kpiDaysFor, KpiRange, kpiReport, monthsOf, rollUpClosedMonths } from '../../shared/kpis';
import { authenticate } from '../cases/access';
import { partsOf, queryOf } from '../cases/request';
import { cosmos } from '../platform';

/**
 * The KPIs over a range of local days: a closed month from its roll-up (one point read), the
 * others from their day documents (one single-partition query each), so a year costs about twelve
 * point reads and one query.
 */
async function kpisHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const identity = authenticate(request, rolesOf(grants.caseWork));
  if (!identity.ok) return identity.error;
  const range = partsOf(queryOf(request), KpiRange, 'query');
  if (!range.ok) return range.error;
  const { from, to } = range.value;
  const store = cosmos();
  const today = kpiDateOf(appClock().now().toISOString());
  const days = await kpiDaysFor(cosmosKpiDays(store), cosmosKpiRollups(store), range.value, today);
  return { jsonBody: kpiReport(from, to, days) };
}

app.http('kpis', {
  route: 'kpis',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: kpisHandler,
});

/** Past 13 months: each month's roll-up once it has closed, and again after a late fact dropped it. */
app.timer('kpiRollups', {
  schedule: '0 15 2 * * *',
  handler: async () => {
    const store = cosmos();
    const now = appClock().now();
    const today = kpiDateOf(now.toISOString());
    const from = new Date(now.getTime() - 395 * 86_400_000).toISOString().slice(0, 10);
    await rollUpClosedMonths(
      cosmosKpiDays(store),
      cosmosKpiRollups(store),
      monthsOf({ from, to: today }),
      now,
    );
  },
});
