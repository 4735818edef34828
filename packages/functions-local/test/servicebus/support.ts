import { ServiceBusClient } from '@azure/service-bus';
import { startServiceBusBroker, type QueueDefinition, type ServiceBusBroker } from '../../src/servicebus';

/** A test-only queue: short lock so expiry tests stay quick, duplicate detection on. */
export const testQueue = (name: string, overrides: Partial<QueueDefinition> = {}): QueueDefinition => ({
  name,
  lockDuration: 'PT1S',
  maxDeliveryCount: 3,
  defaultMessageTimeToLive: 'P14D',
  deadLetteringOnMessageExpiration: true,
  requiresDuplicateDetection: true,
  duplicateDetectionHistoryTimeWindow: 'PT10M',
  requiresSession: false,
  ...overrides,
});

export interface BrokerFixture {
  readonly broker: ServiceBusBroker;
  readonly client: ServiceBusClient;
  close(): Promise<void>;
}

/** A broker with the given queues and an SDK client on its emulator connection string. */
export async function startBroker(
  queues: readonly QueueDefinition[],
  options: Omit<Parameters<typeof startServiceBusBroker>[0], 'queues'> = {},
): Promise<BrokerFixture> {
  const broker = await startServiceBusBroker({ ...options, queues });
  // Few, quick retries: a broken rule should fail the test, not stall it in SDK back-off.
  const client = new ServiceBusClient(broker.connectionString, {
    retryOptions: { maxRetries: 1, retryDelayInMs: 50, timeoutInMs: 10_000 },
  });
  return {
    broker,
    client,
    async close() {
      await client.close();
      await broker.close();
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
