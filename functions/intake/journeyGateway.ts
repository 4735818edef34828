import type { DurableClient } from 'durable-functions';
import { raiseJourneyEvent, startJourney } from '../../orchestrations/journey/client';
import type { JourneyGateway } from '../../shared/intake/intakePorts';

/** Intake's view of the journeys, over the Durable client of the current invocation. */
export function durableJourneyGateway(client: DurableClient): JourneyGateway {
  return {
    start: (workOrderId, correlationId) => startJourney(client, { workOrderId, correlationId }),
    async cancel(workOrderId, reason) {
      const raised = await raiseJourneyEvent(client, workOrderId, 'cancellationRequested', {
        by: 'utility',
        ...(reason === undefined ? {} : { reason }),
      });
      if (raised.ok) return 'raised';
      if (raised.error === 'invalidPayload')
        throw new Error('cancellation payload refused by the journey contract');
      return 'notRunning';
    },
    async amended(workOrderId, revision, check) {
      const booking =
        check.kind === 'none'
          ? { outcome: 'none' as const }
          : check.kind === 'kept'
            ? { outcome: 'kept' as const, technicianId: check.booking.technicianId }
            : { outcome: 'released' as const, reason: check.reason };
      const raised = await raiseJourneyEvent(client, workOrderId, 'workOrderAmended', { revision, booking });
      if (raised.ok) return 'raised';
      if (raised.error === 'invalidPayload')
        throw new Error('amendment payload refused by the journey contract');
      return 'notRunning';
    },
  };
}
