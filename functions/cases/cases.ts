import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { startJourney } from '../../orchestrations/journey/client';
import { recentTimelineEvents } from '../../shared/adapters/cosmos/timelineReader';
import { CaseUpdate } from '../../shared/cases/caseChanges';
import { NewCaseInput, type CaseRecord } from '../../shared/cases/caseRecord';
import {
  createWorkOrderForCase,
  openCase,
  updateCase,
  WorkOrderFromCase,
} from '../../shared/cases/caseService';
import { caseSlas } from '../../shared/cases/caseSlas';
import { appClock } from '../../shared/clock';
import { grants, rolesOf } from '../../shared/identity/access';
import { errorResponse, logLine } from '../http';
import { cosmos } from '../platform';
import { recordAccess } from '../privacy/accessLog';
import { slaPolicies } from '../sla/policies';
import { actorOf, authenticate } from './access';
import { casePorts } from './dependencies';
import { bodyOf, partsOf, queryOf, serviceErrorResponse } from './request';
import { CaseListQuery, CaseParams } from './schemas';

/** A case as the API shows it: with both SLA clocks at this moment, so lists show warnings and breaches. */
export const caseView = (record: CaseRecord, now: Date) => ({
  ...record,
  sla: caseSlas(record, slaPolicies(), now),
});

async function createCaseHandler(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const identity = authenticate(request, rolesOf(grants.caseWork));
  if (!identity.ok) return identity.error;
  const input = await bodyOf(request, NewCaseInput);
  if (!input.ok) return input.error;
  const opened = await openCase(casePorts(), input.value, actorOf(identity.value));
  if (!opened.ok) return serviceErrorResponse(opened.error);
  context.log(
    logLine('case opened', { caseId: opened.value.id, workOrderId: opened.value.workOrderId ?? '' }),
  );
  return { status: 201, jsonBody: caseView(opened.value, appClock().now()) };
}

async function listCasesHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const identity = authenticate(request, rolesOf(grants.caseWork));
  if (!identity.ok) return identity.error;
  const query = partsOf(queryOf(request), CaseListQuery, 'query');
  if (!query.ok) return query.error;
  const records = await casePorts().cases.list(query.value);
  const now = appClock().now();
  return { jsonBody: { cases: records.map((record) => caseView(record, now)) } };
}

async function getCaseHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const identity = authenticate(request, rolesOf(grants.caseWork));
  if (!identity.ok) return identity.error;
  const params = partsOf(request.params, CaseParams, 'params');
  if (!params.ok) return params.error;
  const found = await casePorts().cases.get(params.value.caseId);
  if (found === undefined) return errorResponse(404, `no case ${params.value.caseId}`);
  await recordAccess(identity.value, 'caseRead', [params.value.caseId]);
  return { jsonBody: caseView(found.value, appClock().now()) };
}

async function updateCaseHandler(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const identity = authenticate(request, rolesOf(grants.caseWork));
  if (!identity.ok) return identity.error;
  const params = partsOf(request.params, CaseParams, 'params');
  if (!params.ok) return params.error;
  const update = await bodyOf(request, CaseUpdate);
  if (!update.ok) return update.error;
  const updated = await updateCase(casePorts(), params.value.caseId, update.value, actorOf(identity.value));
  if (!updated.ok) return serviceErrorResponse(updated.error);
  context.log(logLine('case updated', { caseId: updated.value.id, status: updated.value.state.status }));
  return { jsonBody: caseView(updated.value, appClock().now()) };
}

async function caseTimelineHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const identity = authenticate(request, rolesOf(grants.caseWork));
  if (!identity.ok) return identity.error;
  const params = partsOf(request.params, CaseParams, 'params');
  if (!params.ok) return params.error;
  const events = await recentTimelineEvents(cosmos(), params.value.caseId, 100);
  return { jsonBody: { caseId: params.value.caseId, events } };
}

/** Case → work order: the new work order gets its own customer journey, so the customer books a visit. */
async function caseWorkOrderHandler(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const identity = authenticate(request, rolesOf(grants.sendFieldService));
  if (!identity.ok) return identity.error;
  const params = partsOf(request.params, CaseParams, 'params');
  if (!params.ok) return params.error;
  const input = await bodyOf(request, WorkOrderFromCase);
  if (!input.ok) return input.error;
  const made = await createWorkOrderForCase(
    casePorts(),
    params.value.caseId,
    input.value,
    actorOf(identity.value),
  );
  if (!made.ok) return serviceErrorResponse(made.error);
  const { workOrder } = made.value;
  const journey = await startJourney(df.getClient(context), {
    workOrderId: workOrder.id,
    correlationId: workOrder.correlationId,
  });
  context.log(
    logLine('work order created from case', {
      caseId: params.value.caseId,
      workOrderId: workOrder.id,
      correlationId: workOrder.correlationId,
      journey,
    }),
  );
  return {
    status: made.value.created ? 201 : 200,
    jsonBody: { case: caseView(made.value.record, appClock().now()), workOrder },
  };
}

app.http('casesCreate', {
  route: 'cases',
  methods: ['POST'],
  authLevel: 'anonymous',
  handler: createCaseHandler,
});
app.http('casesList', {
  route: 'cases',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: listCasesHandler,
});
app.http('casesGet', {
  route: 'cases/{caseId}',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: getCaseHandler,
});
app.http('casesUpdate', {
  route: 'cases/{caseId}',
  methods: ['PATCH'],
  authLevel: 'anonymous',
  handler: updateCaseHandler,
});
app.http('casesTimeline', {
  route: 'cases/{caseId}/timeline',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: caseTimelineHandler,
});
app.http('casesCreateWorkOrder', {
  route: 'cases/{caseId}/work-orders',
  methods: ['POST'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: caseWorkOrderHandler,
});
