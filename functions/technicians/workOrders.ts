import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { randomUUID } from 'node:crypto';
import { createUploadUrl, uploadUrlLifetimeSeconds } from '../../shared/adapters/blob/uploadUrls';
import { cosmosIntakeStore } from '../../shared/adapters/cosmos/intakeStore';
import { appointmentsOf } from '../../shared/adapters/cosmos/technicianSchedule';
import { recentTimelineEvents } from '../../shared/adapters/cosmos/timelineReader';
import { openCase } from '../../shared/cases/caseService';
import { appClock } from '../../shared/clock';
import {
  canActAsTechnician,
  canViewTechnician,
  grants,
  hasAnyRole,
  rolesOf,
  technicianViewRoles,
} from '../../shared/identity/access';
import type { Identity } from '../../shared/identity/principal';
import { blobContainerName } from '../../shared/resources';
import { workOrderSlas } from '../../shared/sla/workOrderSla';
import type { Versioned } from '../../shared/common/versioned';
import type { WorkOrder } from '../../shared/workorders/workOrder';
import { plannedDay } from '../dispatch/technicianDay';
import { errorResponse, logLine } from '../http';
import { blobs, cosmos } from '../platform';
import { slaPolicies } from '../sla/policies';
import { authenticate } from '../cases/access';
import { casePorts } from '../cases/dependencies';
import { bodyOf, partsOf, queryOf, serviceErrorResponse } from '../cases/request';
import { PhotoUploadRequest, RaiseCase, ScheduleParams, ScheduleQuery, WorkOrderParams } from './schemas';

/**
 * The technician's day. Where the day is planned, the visits come in the plan's order with planned
 * arrival, start and end (and the drive before each); otherwise the booked appointments starting on
 * that UTC day, by window, as before planning existed.
 */
async function scheduleHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const identity = authenticate(request, rolesOf(grants.technicianView));
  if (!identity.ok) return identity.error;
  const params = partsOf(request.params, ScheduleParams, 'params');
  if (!params.ok) return params.error;
  const query = partsOf(queryOf(request), ScheduleQuery, 'query');
  if (!query.ok) return query.error;
  const { technicianId } = params.value;
  if (!canViewTechnician(identity.value, technicianId)) return errorResponse(403, 'not your schedule');
  const date = query.value.date ?? appClock().now().toISOString().slice(0, 10);
  const store = cosmos();
  const intake = cosmosIntakeStore(store);
  const from = `${date}T00:00:00Z`;
  const to = new Date(Date.parse(from) + 86_400_000).toISOString().replace('.000Z', 'Z');
  const [planned, appointments] = await Promise.all([
    plannedDay(technicianId, date),
    appointmentsOf(store, technicianId, from, to),
  ]);
  if (planned !== undefined) {
    // The plan orders the day and times the arrivals; the appointment keeps the window the customer was told.
    const booked = new Map(appointments.map((appointment) => [appointment.id, appointment]));
    const visits = await Promise.all(
      planned.map(async (visit) => ({
        ...visit,
        appointment: booked.get(visit.appointmentId),
        workOrder: (await intake.getWorkOrder(visit.workOrderId))?.value,
      })),
    );
    return { jsonBody: { technicianId, date, planned: true, visits } };
  }
  const visits = await Promise.all(
    appointments.map(async (appointment) => {
      const workOrder = await intake.getWorkOrder(appointment.workOrderId);
      return { appointment, workOrder: workOrder?.value };
    }),
  );
  return { jsonBody: { technicianId, date, planned: false, visits } };
}

/** The work order, if the caller may see it: its assigned technician, or dispatch and ops. */
export async function visibleWorkOrder(
  identity: Identity,
  workOrderId: string,
): Promise<{ ok: true; value: Versioned<WorkOrder> } | { ok: false; error: HttpResponseInit }> {
  const found = await cosmosIntakeStore(cosmos()).getWorkOrder(workOrderId);
  if (found === undefined) return { ok: false, error: errorResponse(404, `no work order ${workOrderId}`) };
  const state = found.value.state;
  const technicianId = 'technicianId' in state ? state.technicianId : undefined;
  const allowed =
    technicianId === undefined
      ? hasAnyRole(identity, technicianViewRoles)
      : canViewTechnician(identity, technicianId);
  return allowed
    ? { ok: true, value: found }
    : { ok: false, error: errorResponse(403, 'not your work order') };
}

async function workOrderHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const identity = authenticate(request, rolesOf(grants.technicianView));
  if (!identity.ok) return identity.error;
  const params = partsOf(request.params, WorkOrderParams, 'params');
  if (!params.ok) return params.error;
  const found = await visibleWorkOrder(identity.value, params.value.workOrderId);
  if (!found.ok) return found.error;
  const events = await recentTimelineEvents(cosmos(), params.value.workOrderId, 100);
  return {
    jsonBody: {
      ...found.value.value,
      sla: workOrderSlas(found.value.value, [...events].reverse(), slaPolicies(), appClock().now()),
    },
  };
}

const extensions = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/heic': 'heic' } as const;

/** A short-lived, create-only URL for one photo or signature under the work order's prefix. */
async function photoUploadHandler(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const identity = authenticate(request, rolesOf(grants.technicianWork));
  if (!identity.ok) return identity.error;
  const params = partsOf(request.params, WorkOrderParams, 'params');
  if (!params.ok) return params.error;
  const input = await bodyOf(request, PhotoUploadRequest);
  if (!input.ok) return input.error;
  const found = await visibleWorkOrder(identity.value, params.value.workOrderId);
  if (!found.ok) return found.error;
  const state = found.value.value.state;
  if (!('technicianId' in state) || !canActAsTechnician(identity.value, state.technicianId)) {
    return errorResponse(403, 'not your work order');
  }
  const reference = `${params.value.workOrderId}/${input.value.purpose}-${randomUUID()}.${extensions[input.value.contentType]}`;
  const uploadUrl = await createUploadUrl(
    blobs(),
    blobContainerName('photos'),
    reference,
    input.value.contentType,
  );
  context.log(logLine('photo upload URL issued', { workOrderId: params.value.workOrderId }));
  return {
    status: 201,
    jsonBody: {
      reference,
      uploadUrl,
      expiresAt: new Date(Date.now() + uploadUrlLifetimeSeconds * 1000).toISOString(),
      headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': input.value.contentType },
    },
  };
}

/** Work order → case: a technician raises what they found on site; the two are linked, not merged. */
async function raiseCaseHandler(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const identity = authenticate(request, rolesOf(grants.technicianWork));
  if (!identity.ok) return identity.error;
  const params = partsOf(request.params, WorkOrderParams, 'params');
  if (!params.ok) return params.error;
  const input = await bodyOf(request, RaiseCase);
  if (!input.ok) return input.error;
  const found = await visibleWorkOrder(identity.value, params.value.workOrderId);
  if (!found.ok) return found.error;
  const { requestId, ...raised } = input.value;
  const opened = await openCase(
    casePorts(),
    { ...raised, origin: 'Field', workOrderId: params.value.workOrderId },
    { kind: 'technician', id: identity.value.userId },
    requestId === undefined ? undefined : `${identity.value.userId}~${params.value.workOrderId}~${requestId}`,
  );
  if (!opened.ok) return serviceErrorResponse(opened.error);
  const { replayed, ...record } = opened.value;
  context.log(
    logLine(replayed ? 'case raised from the field, sent again' : 'case raised from the field', {
      workOrderId: params.value.workOrderId,
      caseId: record.id,
    }),
  );
  return { status: replayed ? 200 : 201, jsonBody: record };
}

app.http('technicianSchedule', {
  route: 'technicians/{technicianId}/schedule',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: scheduleHandler,
});
app.http('technicianWorkOrder', {
  route: 'technician/work-orders/{workOrderId}',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: workOrderHandler,
});
app.http('technicianPhotoUpload', {
  route: 'technician/work-orders/{workOrderId}/photo-uploads',
  methods: ['POST'],
  authLevel: 'anonymous',
  handler: photoUploadHandler,
});
app.http('technicianRaiseCase', {
  route: 'technician/work-orders/{workOrderId}/cases',
  methods: ['POST'],
  authLevel: 'anonymous',
  handler: raiseCaseHandler,
});
