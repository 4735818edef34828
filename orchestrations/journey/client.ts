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

/** Starts the work order's journey once: a second start for the same work order changes nothing. */
export async function startJourney(
  client: DurableClient,
  input: JourneyInput,
): Promise<'started' | 'alreadyStarted'> {
  const instanceId = journeyInstanceId(input.workOrderId);
  const existing = await client.getStatus(instanceId).catch(() => undefined);
  if (existing?.runtimeStatus !== undefined && existing.instanceId === instanceId) return 'alreadyStarted';
  await client.startNew(journeyOrchestrationName, { instanceId, input });
  return 'started';
}

export async function getJourney(
  client: DurableClient,
  workOrderId: string,
): Promise<JourneyView | undefined> {
  try {
    const status = await client.getStatus(journeyInstanceId(workOrderId));
    return status?.instanceId ? viewOf(status) : undefined;
  } catch {
    return undefined;
  }
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
