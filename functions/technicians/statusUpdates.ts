import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { createHash } from 'node:crypto';
import { raiseJourneyEvent, startJourney } from '../../orchestrations/journey/client';
import { cosmosIntakeStore } from '../../shared/adapters/cosmos/intakeStore';
import { syncLinkedCases } from '../../shared/cases/caseService';
import { appClock } from '../../shared/clock';
import {
  decideStatusUpdate,
  followUpIdFor,
  followUpWorkOrder,
  StatusUpdate,
  type FollowOn,
  type JourneyRaise,
} from '../../shared/fieldwork';
import { blobHead } from '../../shared/adapters/blob/blobHeads';
import {
  evidenceOf,
  evidenceProblems,
  leadingBytesNeeded,
  misnamedEvidence,
} from '../../shared/fieldwork/photoEvidence';
import { blobContainerName } from '../../shared/resources';
import type { ValidationIssue } from '../../shared/validation';
import { booking } from '../booking';
import { clockSkewMs } from './fieldworkSettings';
import { grants, rolesOf } from '../../shared/identity/access';
import type { Identity } from '../../shared/identity/principal';
import { visitEndEvent } from '../../shared/sla/workOrderSla';
import type { WorkOrder } from '../../shared/workorders/workOrder';
import { badRequest, errorResponse, logLine } from '../http';
import { recordVisitFacts } from '../kpis/recorders';
import { blobs, cosmos } from '../platform';
import { authenticate } from '../cases/access';
import { casePorts } from '../cases/dependencies';
import { bodyOf, partsOf } from '../cases/request';
import { WorkOrderParams } from './schemas';
import { etaFromPlan } from '../dispatch/plannedEta';
import { followTechnicianProgress } from '../dispatch/technicianProgress';

const maxConflicts = 5;

function raiseFieldEvent(client: df.DurableClient, workOrderId: string, raise: JourneyRaise) {
  switch (raise.event) {
    case 'technicianEnRoute':
      return raiseJourneyEvent(client, workOrderId, raise.event, raise.payload);
    case 'visitCompleted':
      return raiseJourneyEvent(client, workOrderId, raise.event, raise.payload);
    case 'visitIncomplete':
      return raiseJourneyEvent(client, workOrderId, raise.event, raise.payload);
    default: {
      const unhandled: never = raise;
      throw new Error(`unknown journey event ${JSON.stringify(unhandled)}`);
    }
  }
}

const eventIdFor = (workOrderId: string, updateId: string, what: string): string =>
  `EV-${createHash('sha256')
    .update(JSON.stringify([workOrderId, updateId, what]))
    .digest('hex')
    .slice(0, 32)}`;

/**
 * Everything after the work order is written, each step safe to repeat (deterministic ids,
 * create-or-409, journey events the journey tolerates twice): timeline, follow-up visit, linked
 * cases, and the journey event that messages the customer.
 */
async function followOn(
  workOrder: WorkOrder,
  update: StatusUpdate,
  claimedAt: string,
  steps: FollowOn,
  identity: Identity,
  context: InvocationContext,
): Promise<string | undefined> {
  const store = cosmos();
  const intake = cosmosIntakeStore(store);
  await intake.addTimelineEvent({
    id: eventIdFor(workOrder.id, update.updateId, 'status'),
    docType: 'event',
    subjectId: workOrder.id,
    subjectType: 'workOrder',
    type: `technician.${update.status}`,
    occurredAt: update.clientTimestamp,
    actor: { kind: 'technician', id: identity.userId },
    summary: `Technician reported ${update.status}`,
    data: { status: workOrder.state.status, updateId: update.updateId, claimedAt },
    correlationId: workOrder.correlationId,
  });
  if (update.status === 'incomplete' && update.reason === 'customerAbsent') {
    // A no-show gives the missed place and the technician's appointment back, so the rebook link
    // offers new times at once (even while the missed window is still open).
    await booking().releaseAppointment(workOrder.id);
  }
  const visitEnd = visitEndEvent(
    workOrder,
    update,
    { kind: 'technician', id: identity.userId },
    appClock().now(),
  );
  if (visitEnd !== undefined) await intake.addTimelineEvent(visitEnd);
  let followUpId: string | undefined;
  if (steps.createsFollowUp) {
    const next = followUpWorkOrder(
      workOrder,
      update.status === 'incomplete' ? update.note : undefined,
      update.clientTimestamp,
    );
    followUpId = next.id;
    await intake.createWorkOrder(next);
    await startJourney(df.getClient(context), { workOrderId: next.id, correlationId: next.correlationId });
    await syncLinkedCases(casePorts(), next);
  }
  await syncLinkedCases(casePorts(), workOrder);
  await recordVisitFacts(store, workOrder, update);
  if (steps.journey !== undefined) {
    const raised = await raiseFieldEvent(df.getClient(context), workOrder.id, steps.journey);
    if (!raised.ok) {
      context.warn(
        logLine('journey event not raised', {
          workOrderId: workOrder.id,
          correlationId: workOrder.correlationId,
          reason: raised.error,
        }),
      );
    }
  }
  return followUpId;
}

/** The report's photos as stored: each must exist, be non-empty and be an image by its first bytes. */
async function photoProblems(update: StatusUpdate): Promise<ValidationIssue[]> {
  const items = evidenceOf(update);
  if (items.length === 0) return [];
  const container = blobContainerName('photos');
  const stored = await Promise.all(
    items.map(async (item) => ({
      path: item.path,
      stored: await blobHead(blobs(), container, item.reference, leadingBytesNeeded),
    })),
  );
  return evidenceProblems(stored);
}

/**
 * "On the way" carries the ETA of the day's plan (the planned drive from the real departure) when the
 * visit is in a route; the phone's own estimate only when it is not. Same update in, same ETA out, so
 * a replayed update is still recognised as the one applied.
 */
async function withPlannedEta(workOrderId: string, update: StatusUpdate): Promise<StatusUpdate> {
  if (update.status !== 'enRoute') return update;
  const eta = await etaFromPlan(workOrderId, update.clientTimestamp);
  return eta === undefined ? update : { ...update, eta };
}

async function statusUpdateHandler(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const identity = authenticate(request, rolesOf(grants.technicianWork));
  if (!identity.ok) return identity.error;
  const params = partsOf(request.params, WorkOrderParams, 'params');
  if (!params.ok) return params.error;
  const sent = await bodyOf(request, StatusUpdate);
  if (!sent.ok) return sent.error;
  const { workOrderId } = params.value;
  const update = await withPlannedEta(workOrderId, sent.value);
  const misnamed = misnamedEvidence(update, workOrderId);
  if (misnamed.length > 0) return badRequest(misnamed);
  const store = cosmos();
  const intake = cosmosIntakeStore(store);
  for (let attempt = 0; attempt < maxConflicts; attempt++) {
    const current = await intake.getWorkOrder(workOrderId);
    if (current === undefined) return errorResponse(404, `no work order ${workOrderId}`);
    const now = appClock().now().toISOString();
    const decision = decideStatusUpdate(current.value, update, identity.value.userId, {
      receivedAt: now,
      clockSkewMs: clockSkewMs(),
      followUpId: followUpIdFor(workOrderId),
    });
    const log = { workOrderId, correlationId: current.value.correlationId, updateId: update.updateId };
    switch (decision.kind) {
      case 'notAssigned':
        return errorResponse(403, 'this work order is not assigned to you');
      case 'cancelled':
        return errorResponse(409, `the work order was cancelled (by ${decision.by}); nothing more to report`);
      case 'refused':
        return errorResponse(409, decision.message);
      case 'stale':
        context.log(logLine('status update the visit is already past; ignored', log));
        return { jsonBody: { outcome: 'stale', workOrderId, status: current.value.state.status } };
      case 'alreadyApplied':
        if (decision.redo !== undefined) {
          const { accepted, ...steps } = decision.redo;
          await followOn(current.value, accepted, update.clientTimestamp, steps, identity.value, context);
        }
        return {
          jsonBody: { outcome: 'alreadyApplied', workOrderId, status: current.value.state.status },
        };
      case 'apply': {
        const problems = await photoProblems(update);
        if (problems.length > 0) return badRequest(problems);
        if (!decision.claimBelieved)
          context.warn(logLine('device time outside the allowed skew; receipt time used', log));
        if (decision.reportId !== undefined && update.status === 'completed') {
          // Stored before the journey hears of the completion: its notifyUtility reads it by id.
          await store.container('timeline').items.upsert({
            id: decision.reportId,
            subjectId: workOrderId,
            docType: 'visitReport',
            report: update.report,
          });
        }
        if ((await intake.replaceWorkOrder(decision.workOrder, current.etag)) === 'conflict') continue;
        const followUpWorkOrderId = await followOn(
          decision.workOrder,
          decision.accepted,
          update.clientTimestamp,
          decision,
          identity.value,
          context,
        );
        if (update.status === 'enRoute' || update.status === 'onSite')
          await followTechnicianProgress(workOrderId, update.status, context);
        context.log(logLine('status update applied', { ...log, status: decision.workOrder.state.status }));
        return {
          jsonBody: {
            outcome: 'applied',
            workOrderId,
            status: decision.workOrder.state.status,
            ...(decision.reportId === undefined ? {} : { reportId: decision.reportId }),
            ...(followUpWorkOrderId === undefined ? {} : { followUpWorkOrderId }),
          },
        };
      }
      default: {
        const unhandled: never = decision;
        throw new Error(`unknown decision ${JSON.stringify(unhandled)}`);
      }
    }
  }
  return errorResponse(409, 'the work order kept changing; retry');
}

app.http('technicianStatusUpdate', {
  route: 'technician/work-orders/{workOrderId}/status',
  methods: ['POST'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: statusUpdateHandler,
});
