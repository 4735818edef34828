import { TimelineEvent } from '../../timeline/timelineEvent';
import type { CosmosStore } from '../clients/cosmos';

/**
 * A subject's most recent timeline events, newest first: one single-partition query, named as
 * such so the SDK sends it to that partition without first asking the gateway for a query plan.
 */
export async function recentTimelineEvents(
  store: CosmosStore,
  subjectId: string,
  limit: number,
): Promise<TimelineEvent[]> {
  const { resources } = await store
    .container('timeline')
    .items.query(
      {
        query:
          "SELECT TOP @limit * FROM c WHERE c.subjectId = @subjectId AND c.docType = 'event' ORDER BY c.occurredAt DESC",
        parameters: [
          { name: '@limit', value: limit },
          { name: '@subjectId', value: subjectId },
        ],
      },
      { partitionKey: subjectId },
    )
    .fetchAll();
  return resources.map((resource) => TimelineEvent.parse(resource));
}
