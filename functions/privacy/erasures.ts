import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { appClock } from '../../shared/clock';
import { grants, rolesOf } from '../../shared/identity/access';
import { ErasureRequest, type ErasureInput } from '../../shared/privacy/privacyRequest';
import { erasureIdFor } from '../../shared/privacy/requestIds';
import { erasureInstanceId, erasureOrchestrationName } from '../../orchestrations/privacy';
import { authenticate } from '../cases/access';
import { bodyOf, partsOf } from '../cases/request';
import { errorResponse, logLine } from '../http';
import { personalData, privacyLog } from './dependencies';
import { ErasureParams } from './schemas';

const live = new Set<string>([
  df.OrchestrationRuntimeStatus.Running,
  df.OrchestrationRuntimeStatus.Pending,
  df.OrchestrationRuntimeStatus.ContinuedAsNew,
]);

async function erasureStatus(client: df.DurableClient, erasureId: string) {
  try {
    const status = await client.getStatus(erasureInstanceId(erasureId));
    return status?.instanceId ? status : undefined;
  } catch (error) {
    if (String((error as Error).message).includes('HTTP 404')) return undefined;
    throw error;
  }
}

/**
 * Starts (or finds) the erasure of everyone a lookup names. It answers 202 at once: cancelling a
 * live journey first may take a minute. Starting is guarded by the instance's status, so a
 * second request while one runs joins it instead of replacing it.
 */
export async function startErasure(
  client: df.DurableClient,
  input: Omit<ErasureInput, 'erasureId'>,
): Promise<{ readonly erasureId: string; readonly started: boolean }> {
  const erasureId = erasureIdFor(input.customerIds);
  const existing = await erasureStatus(client, erasureId);
  if (existing !== undefined && live.has(String(existing.runtimeStatus)))
    return { erasureId, started: false };
  await client.startNew(erasureOrchestrationName, {
    instanceId: erasureInstanceId(erasureId),
    input: { ...input, erasureId } satisfies ErasureInput,
  });
  return { erasureId, started: true };
}

async function requestErasure(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const identity = authenticate(request, rolesOf(grants.personalDataErasure));
  if (!identity.ok) return identity.error;
  const body = await bodyOf(request, ErasureRequest);
  if (!body.ok) return body.error;
  const customerIds = await personalData().findCustomerIds(body.value.person);
  if (customerIds.length === 0) return errorResponse(404, 'no customer record matches');

  const requestedAt = appClock().now().toISOString();
  const { erasureId, started } = await startErasure(df.getClient(context), {
    customerIds: [...customerIds],
    trigger: 'request',
    requestedBy: identity.value.userId,
    requestedAt,
  });
  await privacyLog().recordAccess({
    at: requestedAt,
    userId: identity.value.userId,
    roles: [...identity.value.roles],
    action: 'erasure',
    subjectIds: [...customerIds],
  });
  context.log(
    logLine('personal data erasure requested', { erasureId, started, userId: identity.value.userId }),
  );
  return {
    status: 202,
    headers: { Location: `/api/privacy/erasures/${erasureId}` },
    jsonBody: { erasureId, started, statusUrl: `/api/privacy/erasures/${erasureId}` },
  };
}

async function erasureStatusHandler(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const identity = authenticate(request, rolesOf(grants.personalDataErasure));
  if (!identity.ok) return identity.error;
  const params = partsOf(request.params, ErasureParams, 'params');
  if (!params.ok) return params.error;
  const status = await erasureStatus(df.getClient(context), params.value.erasureId);
  const record = await privacyLog().read(params.value.erasureId);
  if (status === undefined && record === undefined) return errorResponse(404, 'no such erasure');
  return {
    jsonBody: {
      erasureId: params.value.erasureId,
      runtimeStatus: status === undefined ? 'Purged' : String(status.runtimeStatus),
      ...(record === undefined ? {} : { record }),
    },
  };
}

app.http('privacyErasureRequest', {
  route: 'privacy/erasures',
  methods: ['POST'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: requestErasure,
});

app.http('privacyErasureStatus', {
  route: 'privacy/erasures/{erasureId}',
  methods: ['GET'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: erasureStatusHandler,
});
