import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { z } from 'zod';
import { startJourney } from '../../orchestrations/journey/client';
import { workOrderDocuments } from '../../shared/adapters/cosmos/workOrderDocuments';
import { recentTimelineEvents } from '../../shared/adapters/cosmos/timelineReader';
import type { CaseUpdate } from '../../shared/cases/caseChanges';
import type { CaseRecord } from '../../shared/cases/caseRecord';
import {
  createWorkOrderForCase,
  linkExistingWorkOrder,
  updateCase,
  WorkOrderFromCase,
} from '../../shared/cases/caseService';
import { caseSlas } from '../../shared/cases/caseSlas';
import { appClock } from '../../shared/clock';
import { followUpIdFor } from '../../shared/fieldwork/followUp';
import { grants, hasAnyRole, rolesOf } from '../../shared/identity/access';
import type { Identity } from '../../shared/identity/principal';
import { validate } from '../../shared/validation';
import type { WorkOrder } from '../../shared/workorders/workOrder';
import { caseDetailPage } from '../../web/agent/caseDetail';
import { closeOutlook } from '../../web/agent/closeOutlook';
import { closePage } from '../../web/agent/closePage';
import { deskTimeZone } from '../../web/agent/format';
import { followUpDefaults, followUpFormPage } from '../../web/agent/followUpForm';
import { problemPage } from '../../web/agent/problemPage';
import { actorOf } from '../cases/access';
import { casePorts } from '../cases/dependencies';
import { CaseParams } from '../cases/schemas';
import { logLine } from '../http';
import { cosmos } from '../platform';
import { recordAccess } from '../privacy/accessLog';
import { slaPolicies } from '../sla/policies';
import { staffScreen, type StaffViewer } from '../staff/staffGate';
import { staffHtml, staffSeeOther } from '../staff/staffResponses';
import { agentForm, serviceProblem } from './agentGate';
import { warningFractions } from './caseQueue';
import { closeCommandOf, CloseForm, FollowUpForm, LinkForm, NoteForm, StateForm } from './schemas';

/** How many follow-up generations of a customer's work order the link list offers. */
const followUpsOffered = 5;
const timelineLength = 100;

const notFoundPage = (identity: Identity | undefined, caseId: string) =>
  staffHtml(problemPage(identity, 'Not found', [`There is no case ${caseId}.`]), 404);

/** The screen's viewer and the case it names, or the page that says why not. */
async function openedCase(
  request: HttpRequest,
  screenGrants: Parameters<typeof staffScreen>[1],
): Promise<
  | { readonly ok: true; readonly viewer: StaffViewer; readonly record: CaseRecord }
  | { readonly ok: false; readonly response: HttpResponseInit }
> {
  const viewer = staffScreen(request, screenGrants);
  if (!viewer.ok) return { ok: false, response: viewer.error };
  const params = validate(CaseParams, request.params);
  if (!params.ok)
    return { ok: false, response: notFoundPage(viewer.value.identity, request.params['caseId'] ?? '') };
  const found = await casePorts().cases.get(params.value.caseId);
  if (found === undefined)
    return { ok: false, response: notFoundPage(viewer.value.identity, params.value.caseId) };
  return { ok: true, viewer: viewer.value, record: found.value };
}

/** The customer's own work order and its follow-ups: point reads, offered for linking. */
async function workOrdersOf(firstId: string | undefined): Promise<WorkOrder[]> {
  const documents = workOrderDocuments(cosmos());
  const found: WorkOrder[] = [];
  for (let id = firstId, n = 0; id !== undefined && n <= followUpsOffered; n++) {
    const workOrder = await documents.getWorkOrder(id);
    if (workOrder === undefined) break;
    found.push(workOrder.value);
    id = followUpIdFor(id);
  }
  return found;
}

/** `GET /api/agent/cases/{caseId}` */
async function caseDetail(request: HttpRequest): Promise<HttpResponseInit> {
  const opened = await openedCase(request, grants.caseWork);
  if (!opened.ok) return opened.response;
  const { viewer, record } = opened;
  const documents = workOrderDocuments(cosmos());
  const customer =
    record.customerId === undefined ? undefined : await documents.getCustomer(record.customerId);
  const [events, customerWorkOrders] = await Promise.all([
    recentTimelineEvents(cosmos(), record.id, timelineLength),
    workOrdersOf(customer?.workOrderId),
  ]);
  await recordAccess(viewer.identity, 'caseRead', [record.id]);
  const done = request.query.get('done') ?? undefined;
  return staffHtml(
    caseDetailPage(viewer, {
      record,
      slas: caseSlas(record, slaPolicies(), appClock().now()),
      fractions: warningFractions(),
      events,
      ...(customer === undefined ? {} : { customer }),
      customerWorkOrders,
      maySendFieldService: hasAnyRole(viewer.identity, rolesOf(grants.sendFieldService)),
      ...(done === undefined ? {} : { done }),
    }),
    200,
    viewer.cookies,
  );
}

/** A case change from one of the case page's forms, then back to the case (post/redirect/get). */
const caseChange =
  <S extends z.ZodType>(schema: S, updateOf: (body: z.infer<S>) => CaseUpdate, done: string) =>
  async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const form = await agentForm(request, grants.caseWork, schema);
    if (!form.ok) return form.error;
    const params = validate(CaseParams, request.params);
    if (!params.ok) return notFoundPage(form.value.identity, request.params['caseId'] ?? '');
    const update = updateOf(form.value.body);
    const changed = await updateCase(casePorts(), params.value.caseId, update, actorOf(form.value.identity));
    if (!changed.ok) return serviceProblem(form.value.identity, changed.error);
    context.log(logLine('case changed from the agent page', { caseId: changed.value.id, change: done }));
    return staffSeeOther(`/api/agent/cases/${changed.value.id}?done=${done}`);
  };

const noteUpdate = (body: z.infer<typeof NoteForm>): CaseUpdate =>
  body.kind === 'note' ? { note: body.text } : { contact: { channel: body.kind, summary: body.text } };

/** `POST /api/agent/cases/{caseId}/work-orders`: links a work order that exists, both ways. */
async function linkWorkOrder(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const form = await agentForm(request, grants.caseWork, LinkForm);
  if (!form.ok) return form.error;
  const params = validate(CaseParams, request.params);
  if (!params.ok) return notFoundPage(form.value.identity, request.params['caseId'] ?? '');
  const linked = await linkExistingWorkOrder(
    casePorts(),
    params.value.caseId,
    form.value.body.workOrderId,
    actorOf(form.value.identity),
  );
  if (!linked.ok) return serviceProblem(form.value.identity, linked.error);
  context.log(
    logLine('work order linked to case', {
      caseId: linked.value.id,
      workOrderId: form.value.body.workOrderId,
    }),
  );
  return staffSeeOther(`/api/agent/cases/${linked.value.id}?done=linked`);
}

/** `GET /api/agent/cases/{caseId}/close`: what closing does, given the configured cascade. */
async function closeScreen(request: HttpRequest): Promise<HttpResponseInit> {
  const opened = await openedCase(request, grants.caseWork);
  if (!opened.ok) return opened.response;
  if (opened.record.state.status !== 'Active') return staffSeeOther(`/api/agent/cases/${opened.record.id}`);
  return staffHtml(
    closePage(opened.viewer, opened.record, closeOutlook(opened.record, casePorts().sync)),
    200,
    opened.viewer.cookies,
  );
}

const closeCase = caseChange(CloseForm, (body) => ({ command: closeCommandOf(body.outcome) }), 'closed');

/** Today on the service desk's calendar, the earliest due date a follow-up may have. */
const deskToday = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: deskTimeZone }).format(appClock().now());

/** The work order the case is about: what a follow-up copies its utility, customer and site from. */
const sourceOf = async (record: CaseRecord) =>
  record.workOrderId === undefined
    ? undefined
    : (await workOrderDocuments(cosmos()).getWorkOrder(record.workOrderId))?.value;

/** `GET /api/agent/cases/{caseId}/follow-up`: the form, pre-filled from the case and its work order. */
async function followUpScreen(request: HttpRequest): Promise<HttpResponseInit> {
  const opened = await openedCase(request, grants.sendFieldService);
  if (!opened.ok) return opened.response;
  const { viewer, record } = opened;
  const source = await sourceOf(record);
  if (source === undefined || record.state.status !== 'Active')
    return staffHtml(
      problemPage(viewer.identity, 'No follow-up possible', [
        source === undefined
          ? 'The case is not about a work order to copy from: link one first.'
          : `A ${record.state.status.toLowerCase()} case sends no field service.`,
      ]),
      409,
    );
  const today = deskToday();
  return staffHtml(
    followUpFormPage(viewer, record, source, followUpDefaults(record, source, today), today),
    200,
    viewer.cookies,
  );
}

/** `POST /api/agent/cases/{caseId}/follow-up`: the work order, linked, and its customer journey started. */
async function createFollowUp(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const form = await agentForm(request, grants.sendFieldService, FollowUpForm);
  if (!form.ok) return form.error;
  const { identity, body } = form.value;
  const params = validate(CaseParams, request.params);
  if (!params.ok) return notFoundPage(identity, request.params['caseId'] ?? '');
  const input = WorkOrderFromCase.parse({
    workType: body.workType,
    dueDate: body.dueDate,
    requiredSkills: body.requiredSkills,
    ...(body.estimatedDurationMinutes === undefined
      ? {}
      : { estimatedDurationMinutes: body.estimatedDurationMinutes }),
    ...(body.notes === undefined ? {} : { notes: body.notes }),
  });
  const made = await createWorkOrderForCase(casePorts(), params.value.caseId, input, actorOf(identity));
  if (!made.ok) return serviceProblem(identity, made.error);
  const { workOrder } = made.value;
  const journey = await startJourney(df.getClient(context), {
    workOrderId: workOrder.id,
    correlationId: workOrder.correlationId,
  });
  context.log(
    logLine('follow-up work order created from case', {
      caseId: params.value.caseId,
      workOrderId: workOrder.id,
      correlationId: workOrder.correlationId,
      journey,
    }),
  );
  return staffSeeOther(`/api/agent/cases/${params.value.caseId}?done=followUp`);
}

const page = (name: string, route: string, handler: (request: HttpRequest) => Promise<HttpResponseInit>) =>
  app.http(name, { route, methods: ['GET'], authLevel: 'anonymous', handler });
const post = (
  name: string,
  route: string,
  handler: (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>,
) => app.http(name, { route, methods: ['POST'], authLevel: 'anonymous', handler });

page('agentCaseDetail', 'agent/cases/{caseId}', caseDetail);
post(
  'agentCaseState',
  'agent/cases/{caseId}/state',
  caseChange(StateForm, (body) => ({ command: { type: body.command } }), 'moved'),
);
post('agentCaseNote', 'agent/cases/{caseId}/notes', caseChange(NoteForm, noteUpdate, 'noted'));
post('agentCaseLink', 'agent/cases/{caseId}/work-orders', linkWorkOrder);
page('agentCaseCloseScreen', 'agent/cases/{caseId}/close', closeScreen);
post('agentCaseClose', 'agent/cases/{caseId}/close', closeCase);
page('agentFollowUpScreen', 'agent/cases/{caseId}/follow-up', followUpScreen);
app.http('agentFollowUpCreate', {
  route: 'agent/cases/{caseId}/follow-up',
  methods: ['POST'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: createFollowUp,
});
