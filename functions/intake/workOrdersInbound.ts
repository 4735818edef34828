import { app, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { cosmosIntakeStore } from '../../shared/adapters/cosmos/intakeStore';
import { withIntakeDeadlines } from '../../shared/sla/deadlineUpkeep';
import { deadlineUpkeep, workOrderTimeline } from '../sla/deadlines';
import { appClock } from '../../shared/clock';
import { maskPersonalText } from '../../shared/observability/personalData';
import { originalMessageIdProperty, type InboundDelivery } from '../../shared/intake/inboundDelivery';
import { processInbound } from '../../shared/intake/processInbound';
import { queueName } from '../../shared/resources';
import { cosmos, utilityOutbox } from '../platform';
import { syncLinkedCases } from '../../shared/cases/caseService';
import { casePorts } from '../cases/dependencies';
import { booking } from '../booking';
import { durableJourneyGateway } from './journeyGateway';

const stringOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

/** The broker's enqueue time, as ISO; the same on every redelivery of the message. */
function enqueuedAtOf(metadata: Record<string, unknown>): string | undefined {
  const raw = metadata['enqueuedTimeUtc'];
  const at = raw instanceof Date ? raw : typeof raw === 'string' ? new Date(raw) : undefined;
  return at === undefined || Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

function deliveryOf(message: unknown, context: InvocationContext): InboundDelivery {
  const metadata = (context.triggerMetadata ?? {}) as Record<string, unknown>;
  const properties = (metadata['applicationProperties'] ?? {}) as Record<string, unknown>;
  const messageId = stringOf(properties[originalMessageIdProperty]) ?? stringOf(metadata['messageId']);
  if (messageId === undefined) throw new Error('inbound message without a messageId');
  return {
    messageId,
    enqueuedAt: enqueuedAtOf(metadata) ?? appClock().now().toISOString(),
    deliveryCount: Number(metadata['deliveryCount'] ?? 1),
    body: message,
  };
}

/**
 * The utility's work orders. Bad messages are answered and completed; a thrown error (Cosmos or
 * Durable unavailable) abandons the message so Service Bus redelivers it, and dead-letters it after
 * the queue's max delivery count with the error as its reason.
 */
export async function workOrdersInbound(message: unknown, context: InvocationContext): Promise<void> {
  const delivery = deliveryOf(message, context);
  const ids = { messageId: delivery.messageId, correlationId: delivery.messageId };
  try {
    const result = await processInbound(delivery, {
      store: withIntakeDeadlines(cosmosIntakeStore(cosmos()), deadlineUpkeep(), workOrderTimeline()),
      journeys: durableJourneyGateway(df.getClient(context)),
      appointments: {
        release: async (workOrderId) => void (await booking().cancel(workOrderId)),
        revalidate: (workOrder) => booking().revalidate(workOrder),
      },
      syncCases: async (workOrder) => void (await syncLinkedCases(casePorts(), workOrder)),
      outbox: utilityOutbox(),
      now: () => appClock().now(),
    });
    context.log(
      JSON.stringify({
        message: 'inbound work-order message handled',
        ...ids,
        ...result,
        deliveryCount: delivery.deliveryCount,
      }),
    );
  } catch (error) {
    context.warn(
      JSON.stringify({
        message: 'inbound work-order message failed; it will be redelivered',
        ...ids,
        deliveryCount: delivery.deliveryCount,
        error: maskPersonalText(error instanceof Error ? error.message : String(error)),
      }),
    );
    throw error;
  }
}

app.serviceBusQueue('workOrdersInbound', {
  connection: 'ServiceBusConnection',
  queueName: queueName('workOrdersInbound'),
  extraInputs: [df.input.durableClient()],
  handler: workOrdersInbound,
});
