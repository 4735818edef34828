import {
  app,
  type HttpRequest,
  type HttpResponseInit,
  type InvocationContext,
  type Timer,
} from '@azure/functions';
import * as df from 'durable-functions';
import { randomUUID } from 'node:crypto';
import type { DispatchRunInput } from '../../orchestrations/dispatch';
import {
  dispatchInstanceId,
  dispatchOrchestrationName,
  registerDispatchActivities,
  registerDispatchOrchestrator,
  type DispatchDependencies,
} from '../../orchestrations/dispatch';
import { cosmosBookingStore } from '../../shared/adapters/cosmos/bookingStore';
import { bookedVisitsOn, technicianRegions } from '../../shared/adapters/cosmos/dayBookings';
import { cosmosIntakeStore } from '../../shared/adapters/cosmos/intakeStore';
import { appClock } from '../../shared/clock';
import { addLocalDays } from '../../shared/common/zonedTime';
import { localDateOf } from '../../shared/dispatch/localClock';
import { grants, rolesOf } from '../../shared/identity/access';
import { transitionWorkOrder } from '../../shared/workorders/workOrderMachine';
import { booking, bookingRules } from '../booking';
import { authenticate } from '../cases/access';
import { bodyOf, partsOf } from '../cases/request';
import { errorResponse, logLine } from '../http';
import { cosmos, perSettings } from '../platform';
import { planStore, travelPort } from './dependencies';
import { PlanRequest, PlanRunParams, RegionDayParams } from './schemas';

const maxConflicts = 5;

/**
 * A Dispatched work order follows its booking to the plan's technician, so the technician API lets
 * the new one report on it. Only a Dispatched order: one the technician has set out for is pinned
 * and never moves.
 */
async function followBooking(
  workOrderId: string,
  appointmentId: string,
  technicianId: string,
): Promise<void> {
  const intake = cosmosIntakeStore(cosmos());
  for (let attempt = 0; attempt < maxConflicts; attempt++) {
    const current = await intake.getWorkOrder(workOrderId);
    const state = current?.value.state;
    if (current === undefined || state?.status !== 'Dispatched' || state.appointmentId !== appointmentId)
      return;
    if (state.technicianId === technicianId) return;
    const moved = transitionWorkOrder(current.value.state, { type: 'dispatch', technicianId });
    if (!moved.ok) return;
    const next = { ...current.value, state: moved.value, updatedAt: appClock().now().toISOString() };
    if ((await intake.replaceWorkOrder(next, current.etag)) === 'replaced') return;
  }
  throw new Error(`work order ${workOrderId} kept changing while following its booking`);
}

export const dispatchDependencies = (): DispatchDependencies =>
  perSettings('dispatch', () => {
    const store = cosmos();
    const bookings = cosmosBookingStore(store);
    const intake = cosmosIntakeStore(store);
    return {
      plans: planStore(),
      techniciansIn: (region) => bookings.techniciansIn(region),
      regions: () => technicianRegions(store),
      bookedVisits: (region, date) => bookedVisitsOn(store, region, date),
      travel: travelPort(),
      reassign: async (workOrderId, appointmentId, technicianId) => {
        if ((await booking().reassign(workOrderId, appointmentId, technicianId)) === 'gone') return;
        await followBooking(workOrderId, appointmentId, technicianId);
      },
      recordEvent: (event) => intake.addTimelineEvent(event),
      timeZone: bookingRules().timeZone,
      now: () => appClock().now(),
    };
  });

const live = new Set<string>([
  df.OrchestrationRuntimeStatus.Running,
  df.OrchestrationRuntimeStatus.Pending,
  df.OrchestrationRuntimeStatus.ContinuedAsNew,
]);

export async function statusOf(client: df.DurableClient, instanceId: string) {
  try {
    const status = await client.getStatus(instanceId);
    return status?.instanceId ? status : undefined;
  } catch (error) {
    if (String((error as Error).message).includes('404')) return undefined;
    throw error;
  }
}

/** Nightly budget per region-day: generous, nobody waits for it. */
const nightlyBudgetSeconds = 30;

/**
 * Every night at 22:00 UTC (23:00 or midnight in Brussels) the next local day is planned for every
 * region. One instance per night: a second fire of the timer (a host restart) finds it running.
 */
export async function planTomorrow(client: df.DurableClient, context: InvocationContext): Promise<string> {
  const now = appClock().now();
  const { timeZone } = bookingRules();
  const tomorrow = localDateOf(addLocalDays(now, 1, timeZone), timeZone);
  const instanceId = dispatchInstanceId('nightly', tomorrow);
  const existing = await statusOf(client, instanceId);
  if (existing !== undefined && live.has(String(existing.runtimeStatus))) return instanceId;
  await client.startNew(dispatchOrchestrationName, {
    instanceId,
    input: {
      trigger: 'nightly',
      requestedBy: 'nightly',
      requestedAt: now.toISOString(),
      dates: [tomorrow],
      budgetSeconds: nightlyBudgetSeconds,
    } satisfies DispatchRunInput,
  });
  context.log(logLine('nightly dispatch planning started', { instanceId, date: tomorrow }));
  return instanceId;
}

/** An on-demand run (the API's and the board's), named by what it plans and a random part. */
export async function startPlanRun(
  client: df.DurableClient,
  { region, date, budgetSeconds }: PlanRequest,
  requestedBy: string,
): Promise<string> {
  const instanceId = dispatchInstanceId('onDemand', `${region ?? 'all'}~${date}~${randomUUID().slice(0, 8)}`);
  await client.startNew(dispatchOrchestrationName, {
    instanceId,
    input: {
      trigger: 'onDemand',
      requestedBy,
      requestedAt: appClock().now().toISOString(),
      ...(region === undefined ? { dates: [date] } : { regionDays: [{ region, date }] }),
      budgetSeconds,
    } satisfies DispatchRunInput,
  });
  return instanceId;
}

async function requestPlan(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const identity = authenticate(request, rolesOf(grants.dispatchPlanning));
  if (!identity.ok) return identity.error;
  const body = await bodyOf(request, PlanRequest);
  if (!body.ok) return body.error;
  const instanceId = await startPlanRun(df.getClient(context), body.value, identity.value.userId);
  context.log(logLine('dispatch planning requested', { instanceId, userId: identity.value.userId }));
  const statusUrl = `/api/dispatch/runs/${instanceId}`;
  return { status: 202, headers: { Location: statusUrl }, jsonBody: { instanceId, statusUrl } };
}

async function runStatus(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const identity = authenticate(request, rolesOf(grants.dispatchPlanning));
  if (!identity.ok) return identity.error;
  const params = partsOf(request.params, PlanRunParams, 'params');
  if (!params.ok) return params.error;
  const status = await statusOf(df.getClient(context), params.value.instanceId);
  if (status === undefined) return errorResponse(404, `no planning run ${params.value.instanceId}`);
  return {
    jsonBody: {
      instanceId: status.instanceId,
      runtimeStatus: status.runtimeStatus,
      output: status.output ?? null,
    },
  };
}

async function storedPlan(request: HttpRequest): Promise<HttpResponseInit> {
  const identity = authenticate(request, rolesOf(grants.dispatchPlanning));
  if (!identity.ok) return identity.error;
  const params = partsOf(request.params, RegionDayParams, 'params');
  if (!params.ok) return params.error;
  const found = await planStore().get(params.value.region, params.value.date);
  if (found === undefined) return errorResponse(404, 'no plan for that region and day');
  return { jsonBody: found.value };
}

registerDispatchOrchestrator();
registerDispatchActivities(dispatchDependencies);

app.timer('dispatchNightly', {
  schedule: '0 0 22 * * *',
  extraInputs: [df.input.durableClient()],
  handler: async (_timer: Timer, context: InvocationContext) =>
    void (await planTomorrow(df.getClient(context), context)),
});
app.http('dispatchPlanRequest', {
  route: 'dispatch/plans',
  methods: ['POST'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: requestPlan,
});
app.http('dispatchRunStatus', {
  route: 'dispatch/runs/{instanceId}',
  methods: ['GET'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: runStatus,
});
app.http('dispatchStoredPlan', {
  route: 'dispatch/plans/{region}/{date}',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: storedPlan,
});
