import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { personFiles } from '../../shared/adapters/blob/personFiles';
import { loadCustomer360Sources } from '../../shared/adapters/cosmos/customer360Reader';
import { cosmosCustomerSearch } from '../../shared/adapters/cosmos/customerSearch';
import { customer360 } from '../../shared/customer360/customer360';
import { defaultPhoneCountry } from '../../shared/common/phoneNumber';
import { customerLookups } from '../../shared/customers/customerQuery';
import { parseUtilityContacts } from '../../shared/customers/utilityContact';
import { grants } from '../../shared/identity/access';
import { validate } from '../../shared/validation';
import { customer360Page, customerSearchPage } from '../../web/agent/customerPages';
import { problemPage } from '../../web/agent/problemPage';
import { logLine } from '../http';
import { blobs, cosmos } from '../platform';
import { recordAccess } from '../privacy/accessLog';
import { utilityContactsSetting } from '../selfService/dependencies';
import { staffScreen } from '../staff/staffGate';
import { staffHtml } from '../staff/staffResponses';
import { agentForm } from './agentGate';
import { AgentCustomerParams, CustomerSearchForm, FileParams } from './schemas';

/** `GET /api/agent/customers`: the search box. */
async function customerSearchForm(request: HttpRequest): Promise<HttpResponseInit> {
  const viewer = staffScreen(request, grants.caseWork);
  if (!viewer.ok) return viewer.error;
  return staffHtml(customerSearchPage(viewer.value, '', undefined), 200, viewer.value.cookies);
}

/**
 * `POST /api/agent/customers`: the customers a caller's phone, email, name or reference finds.
 * The utilities a bare reference is tried under are the configured ones (`UtilityContacts`).
 * Logged by count only (the query is what the caller said about themselves); the customers shown
 * go to the access log, as a 360 does.
 */
async function customerSearch(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const action = await agentForm(request, grants.caseWork, CustomerSearchForm);
  if (!action.ok) return action.error;
  const viewer = staffScreen(request, grants.caseWork);
  if (!viewer.ok) return viewer.error;
  const q = action.value.body.q.trim();
  if (q === '') return staffHtml(customerSearchPage(viewer.value, '', undefined), 200, viewer.value.cookies);
  const lookups = customerLookups(q, defaultPhoneCountry());
  if (lookups.length === 0)
    return staffHtml(
      customerSearchPage(
        viewer.value,
        q,
        [],
        'That is not a phone number, email address, name or reference.',
      ),
      200,
      viewer.value.cookies,
    );
  const utilities = parseUtilityContacts(process.env[utilityContactsSetting]).map(
    (contact) => contact.utilityCode,
  );
  const found = await cosmosCustomerSearch(cosmos(), utilities).find(lookups);
  if (found.length > 0)
    await recordAccess(
      viewer.value.identity,
      'customerSearch',
      found.map((match) => match.customer.id),
    );
  context.log(
    logLine('customer search', {
      userId: viewer.value.identity.userId,
      kinds: lookups.map((lookup) => lookup.kind).join(','),
      found: found.length,
    }),
  );
  return staffHtml(customerSearchPage(viewer.value, q, found), 200, viewer.value.cookies);
}

/** `GET /api/agent/customers/{customerId}`: the 360 as one page, with the person's files. */
async function customerScreen(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const viewer = staffScreen(request, grants.caseWork);
  if (!viewer.ok) return viewer.error;
  const params = validate(AgentCustomerParams, request.params);
  const sources = params.ok ? await loadCustomer360Sources(cosmos(), params.value.customerId) : undefined;
  if (sources === undefined)
    return staffHtml(problemPage(viewer.value.identity, 'Not found', ['There is no such customer.']), 404);
  const view = customer360(sources);
  const store = personFiles(blobs());
  const files = (await Promise.all(sources.workOrders.map((workOrder) => store.filesOf(workOrder.id))))
    .flat()
    .sort((a, b) => b.createdOn.localeCompare(a.createdOn));
  await recordAccess(viewer.value.identity, 'customer360', [view.customerId]);
  context.log(
    logLine('customer 360 page', {
      customerId: view.customerId,
      userId: viewer.value.identity.userId,
      workOrders: sources.workOrders.length,
      files: files.length,
    }),
  );
  return staffHtml(customer360Page(viewer.value, view, files), 200, viewer.value.cookies);
}

/**
 * `GET /api/agent/files/{container}/{workOrderId}/{file}`: a customer's upload or a technician's
 * photo through the existing 15-minute read link, made when the agent clicks (so a page left open
 * never holds a stale one) and recorded in the access log like the 360 it is listed on.
 */
async function fileLink(request: HttpRequest): Promise<HttpResponseInit> {
  const viewer = staffScreen(request, grants.caseWork);
  if (!viewer.ok) return viewer.error;
  const params = validate(FileParams, request.params);
  const notFound = () =>
    staffHtml(problemPage(viewer.value.identity, 'Not found', ['There is no such file.']), 404);
  if (!params.ok) return notFound();
  const { container, workOrderId, file } = params.value;
  const store = personFiles(blobs());
  const name = `${workOrderId}/${file}`;
  const listed = await store.filesOf(workOrderId);
  if (!listed.some((stored) => stored.container === container && stored.name === name)) return notFound();
  await recordAccess(viewer.value.identity, 'customer360', [workOrderId]);
  return {
    status: 302,
    headers: {
      location: await store.readUrl(container, name),
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    },
  };
}

app.http('agentCustomerSearchForm', {
  route: 'agent/customers',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: customerSearchForm,
});
app.http('agentCustomerSearch', {
  route: 'agent/customers',
  methods: ['POST'],
  authLevel: 'anonymous',
  handler: customerSearch,
});
app.http('agentCustomer360', {
  route: 'agent/customers/{customerId}',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: customerScreen,
});
app.http('agentFile', {
  route: 'agent/files/{container}/{workOrderId}/{file}',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: fileLink,
});
