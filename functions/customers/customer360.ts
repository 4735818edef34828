import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { loadCustomer360Sources } from '../../shared/adapters/cosmos/customer360Reader';
import { customer360 } from '../../shared/customer360/customer360';
import { grants, rolesOf } from '../../shared/identity/access';
import { recordAccess } from '../privacy/accessLog';
import { authenticate } from '../cases/access';
import { partsOf } from '../cases/request';
import { errorResponse, logLine } from '../http';
import { cosmos } from '../platform';
import { CustomerParams } from './schemas';

/**
 * One person at a glance for an agent: it holds their name and contact points (an authenticated
 * view), so the log line names only ids and counts.
 */
async function customer360Handler(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const identity = authenticate(request, rolesOf(grants.caseWork));
  if (!identity.ok) return identity.error;
  const params = partsOf(request.params, CustomerParams, 'params');
  if (!params.ok) return params.error;
  const sources = await loadCustomer360Sources(cosmos(), params.value.customerId);
  if (sources === undefined) return errorResponse(404, `no customer ${params.value.customerId}`);
  const view = customer360(sources);
  await recordAccess(identity.value, 'customer360', [view.customerId]);
  context.log(
    logLine('customer 360 read', {
      customerId: view.customerId,
      userId: identity.value.userId,
      workOrders: sources.workOrders.length,
      cases: sources.cases.length,
    }),
  );
  return { jsonBody: view };
}

app.http('customer360', {
  route: 'customers/{customerId}/360',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: customer360Handler,
});
