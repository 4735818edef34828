import type { DurableClient } from 'durable-functions';
import { cosmosBookingStore } from '../../shared/adapters/cosmos/bookingStore';
import { recentTimelineEvents } from '../../shared/adapters/cosmos/timelineReader';
import { appClock } from '../../shared/clock';
import { getJourney } from '../../orchestrations/journey/client';
import { journeyTimeline } from '../../web/console/journeyTimeline';
import type { JourneyPageData } from '../../web/console/journeyPage';
import { journeyRecords } from '../journey/dependencies';
import { cosmos } from '../platform';

/** Enough for any journey's whole story: a long one has a few dozen events and messages. */
const timelineWindow = 200;
const messageWindow = 100;

/** Durable runtime statuses in which a journey still hears events. */
export const liveStatuses: ReadonlySet<string> = new Set(['Running', 'Pending', 'ContinuedAsNew']);

/**
 * Everything the journey page shows, read side by side: Durable's status (one instance read), the
 * work order (a point read), its timeline events and messages (two single-partition queries).
 */
export async function loadJourneyPage(
  client: DurableClient,
  workOrderId: string,
  options: { readonly canAct: boolean; readonly notice?: string | undefined },
): Promise<JourneyPageData> {
  const records = journeyRecords();
  const [journey, workOrder, events, notifications] = await Promise.all([
    getJourney(client, workOrderId),
    records.getWorkOrder(workOrderId),
    recentTimelineEvents(cosmos(), workOrderId, timelineWindow),
    records.listNotifications(workOrderId, messageWindow),
  ]);
  const region = workOrder?.value.site.region;
  const technicians =
    options.canAct && region !== undefined ? await cosmosBookingStore(cosmos()).techniciansIn(region) : [];
  return {
    workOrderId,
    workOrder: workOrder?.value,
    journey:
      journey === undefined
        ? undefined
        : {
            runtimeStatus: journey.runtimeStatus,
            live: liveStatuses.has(journey.runtimeStatus),
            status: journey.status,
            createdAt: journey.createdAt,
            lastUpdatedAt: journey.lastUpdatedAt,
          },
    timeline: journeyTimeline(events, notifications),
    technicians: technicians.map((technician) => ({
      id: technician.id,
      displayName: technician.displayName,
    })),
    canAct: options.canAct,
    now: appClock().now(),
    notice: options.notice,
  };
}
