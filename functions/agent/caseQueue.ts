import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { caseSlas } from '../../shared/cases/caseSlas';
import { openCase, updateCase } from '../../shared/cases/caseService';
import { appClock } from '../../shared/clock';
import { grants } from '../../shared/identity/access';
import { validate } from '../../shared/validation';
import { caseQueuePage } from '../../web/agent/caseQueue';
import { QueueQuery, queueRows } from '../../web/agent/queueQuery';
import { actorOf } from '../cases/access';
import { casePorts } from '../cases/dependencies';
import { logLine } from '../http';
import { slaPolicies } from '../sla/policies';
import { staffScreen } from '../staff/staffGate';
import { staffHtml, staffSeeOther } from '../staff/staffResponses';
import { agentForm, serviceProblem } from './agentGate';
import { NewCaseForm } from './schemas';

/** The most cases one queue page reads; the store returns them soonest deadline first. */
const queueLimit = 200;

export const warningFractions = () => {
  const policies = slaPolicies();
  return {
    firstResponse: policies.firstResponse.warningFraction,
    resolution: policies.resolution.warningFraction,
  };
};

/** `GET /api/agent/cases`: the queue, filtered and sorted by its query string. */
async function caseQueue(request: HttpRequest): Promise<HttpResponseInit> {
  const viewer = staffScreen(request, grants.caseWork);
  if (!viewer.ok) return viewer.error;
  const parsed = validate(QueueQuery, Object.fromEntries(request.query.entries()));
  const query = parsed.ok ? parsed.value : QueueQuery.parse({});
  const problems = parsed.ok ? [] : parsed.error.map((issue) => `${issue.path}: ${issue.message}`);
  const now = appClock().now();
  const policies = slaPolicies();
  const records = await casePorts().cases.list({
    status: query.state,
    ...(query.priority === undefined ? {} : { priority: query.priority }),
    limit: queueLimit,
  });
  const rows = queueRows(
    records.map((record) => ({ record, slas: caseSlas(record, policies, now) })),
    query,
  );
  return staffHtml(
    caseQueuePage(viewer.value, query, rows, warningFractions(), now, problems),
    parsed.ok ? 200 : 400,
    viewer.value.cookies,
  );
}

/**
 * `POST /api/agent/cases`: a call logged as a case from the customer's 360. When the agent spoke
 * with the customer, the call is recorded as contact, which is the case's first response.
 */
async function createFromCall(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const form = await agentForm(request, grants.caseWork, NewCaseForm);
  if (!form.ok) return form.error;
  const { identity, body } = form.value;
  const ports = casePorts();
  const actor = actorOf(identity);
  const opened = await openCase(
    ports,
    {
      title: body.title,
      description: body.note,
      type: body.type,
      priority: body.priority,
      origin: 'Phone',
      customerId: body.customerId,
      ...(body.workOrderId === undefined ? {} : { workOrderId: body.workOrderId }),
    },
    actor,
  );
  if (!opened.ok) return serviceProblem(identity, opened.error);
  if (body.answered === 'yes') {
    const answered = await updateCase(
      ports,
      opened.value.id,
      { contact: { channel: 'phone', summary: body.note } },
      actor,
    );
    if (!answered.ok) return serviceProblem(identity, answered.error);
  }
  context.log(
    logLine('case opened from a call', {
      caseId: opened.value.id,
      workOrderId: opened.value.workOrderId ?? '',
      userId: identity.userId,
    }),
  );
  return staffSeeOther(`/api/agent/cases/${opened.value.id}?done=opened`);
}

app.http('agentCaseQueue', {
  route: 'agent/cases',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: caseQueue,
});
app.http('agentCaseCreate', {
  route: 'agent/cases',
  methods: ['POST'],
  authLevel: 'anonymous',
  handler: createFromCall,
});
