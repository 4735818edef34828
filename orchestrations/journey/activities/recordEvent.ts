import { RecordEventInput } from '../activityContracts';
import type { JourneyActivityDependencies } from './dependencies';

/** A journey fact on the work order's timeline; the id comes from the orchestrator, so once only. */
export async function recordEvent(raw: unknown, deps: JourneyActivityDependencies): Promise<void> {
  const input = RecordEventInput.parse(raw);
  await deps.records.addTimelineEvent({
    id: `EV-${input.eventId}`,
    docType: 'event',
    subjectId: input.workOrderId,
    subjectType: 'workOrder',
    type: input.type,
    occurredAt: input.occurredAt,
    actor: input.actor,
    summary: input.summary,
    ...(input.data === undefined ? {} : { data: input.data }),
    correlationId: input.correlationId,
  });
}
