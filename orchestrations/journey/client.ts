import type { DurableClient, DurableOrchestrationStatus } from 'durable-functions';
import { OrchestrationRuntimeStatus } from 'durable-functions';
import { JourneyStatus } from '../../shared/journey/journeyStatus';
import { err, ok, type Result } from '../../shared/result';
import {
  journeyEvents,
  journeyInstanceId,
  journeyOrchestrationName,
  type JourneyEventKey,
  type JourneyEventPayload,
  type JourneyInput,
} from './contract';

/** A journey as ops see it: Durable's runtime status and our custom status. */
export interface JourneyView {
  readonly workOrderId: string;
  readonly runtimeStatus: string;
  readonly status?: JourneyStatus | undefined;
  readonly createdAt: string;
  readonly lastUpdatedAt: string;
}

const viewOf = (status: DurableOrchestrationStatus): JourneyView => {
  const custom = JourneyStatus.safeParse(status.customStatus);
  return {
    workOrderId: status.instanceId,
    runtimeStatus: String(status.runtimeStatus),
    ...(custom.success ? { status: custom.data } : {}),
    createdAt: new Date(status.createdTime).toISOString(),
    lastUpdatedAt: new Date(status.lastUpdatedTime).toISOString(),
  };
};

const live = new Set<string>([
  OrchestrationRuntimeStatus.Running,
  OrchestrationRuntimeStatus.Pending,
  OrchestrationRuntimeStatus.ContinuedAsNew,
]);

/**
 * The Durable client reports an unknown instance as an error carrying the extension's HTTP 404
 * (durable-functions `DurableClient.getStatus`); every other error (throttled storage, the host
 * restarting) says nothing about whether the journey exists.
 */
const isInstanceNotFound = (error: unknown): boolean =>
  error instanceof Error && /replied with HTTP 404 response/.test(error.message);

/** The instance's status, undefined only when Durable says it does not exist; other errors propagate. */
async function statusOf(
  client: DurableClient,
  instanceId: string,
): Promise<DurableOrchestrationStatus | undefined> {
  try {
    const status = await client.getStatus(instanceId);
    return status?.instanceId === instanceId ? status : undefined;
  } catch (error) {
    if (isInstanceNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * Starts the work order's journey once: a second start for the same work order changes nothing.
 * Only "no such instance" starts one. A failed status read is raised so the caller's trigger retries
 * (a Service Bus redelivery, a 500 to the technician app) instead of a start that, with the
 * extension's default `overridableExistingInstanceStates`, would replace a running journey.
 */
export async function startJourney(
  client: DurableClient,
  input: JourneyInput,
): Promise<'started' | 'alreadyStarted'> {
  const instanceId = journeyInstanceId(input.workOrderId);
  const existing = await statusOf(client, instanceId);
  if (existing?.runtimeStatus !== undefined) return 'alreadyStarted';
  await client.startNew(journeyOrchestrationName, { instanceId, input });
  return 'started';
}

export async function getJourney(
  client: DurableClient,
  workOrderId: string,
): Promise<JourneyView | undefined> {
  const status = await statusOf(client, journeyInstanceId(workOrderId));
  return status === undefined ? undefined : viewOf(status);
}

export async function listJourneys(
  client: DurableClient,
  filter: { readonly runtimeStatus?: readonly OrchestrationRuntimeStatus[] } = {},
): Promise<JourneyView[]> {
  const statuses = await client.getStatusBy({
    ...(filter.runtimeStatus === undefined ? {} : { runtimeStatus: [...filter.runtimeStatus] }),
  });
  return statuses.filter((status) => status.name === journeyOrchestrationName).map(viewOf);
}

export type RaiseRefusal = 'notFound' | 'notRunning' | 'invalidPayload';

/** Raises a journey event after checking its payload and that the journey is there to hear it. */
export async function raiseJourneyEvent<K extends JourneyEventKey>(
  client: DurableClient,
  workOrderId: string,
  event: K,
  payload: JourneyEventPayload<K>,
): Promise<Result<void, RaiseRefusal>> {
  if (!journeyEvents[event].payload.safeParse(payload).success) return err('invalidPayload');
  const journey = await getJourney(client, workOrderId);
  if (journey === undefined) return err('notFound');
  if (!live.has(journey.runtimeStatus)) return err('notRunning');
  await client.raiseEvent(journeyInstanceId(workOrderId), journeyEvents[event].name, payload);
  return ok(undefined);
}
