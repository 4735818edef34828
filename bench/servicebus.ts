import { ServiceBusClient } from '@azure/service-bus';
import type { AddressInfo } from 'node:net';
import { create_container, type Sender } from 'rhea';
import { startServiceBusBroker } from '@fieldline/functions-local';

export interface ServiceBusBenchResult {
  readonly messages: number;
  readonly sendPerSecond: number;
  readonly receiveCompletePerSecond: number;
  readonly endToEndPerSecond: number;
}

const perSecond = (count: number, ms: number): number => Math.round((count / ms) * 1000);

/**
 * Baseline: the same bodies relayed over plain AMQP by a bare rhea server (no queue, locks,
 * settlement rules or management operations) to a bare rhea receiver in the same process — what
 * the wire and the AMQP codec alone cost on this machine.
 */
async function rawAmqpRelay(messages: number): Promise<number> {
  const server = create_container();
  let outgoing: Sender | undefined;
  server.on('sender_open', (context) => {
    outgoing = context.sender;
  });
  server.on('message', (context) => {
    outgoing?.send({ body: context.message.body });
  });
  const listener = server.listen({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => listener.once('listening', resolve));
  const port = (listener.address() as AddressInfo).port;
  const client = create_container();
  const connection = client.connect({ port, host: '127.0.0.1' });
  const receiver = connection.open_receiver({ source: 'bench', credit_window: 1_000 });
  const sender = connection.open_sender({ target: 'bench' });
  await new Promise((resolve) => sender.once('sendable', resolve));
  const started = performance.now();
  const done = new Promise<void>((resolve) => {
    let received = 0;
    receiver.on('message', () => {
      if (++received === messages) resolve();
    });
  });
  let index = 0;
  const pump = (): void => {
    while (index < messages && sender.sendable()) {
      sender.send({ body: { workOrderId: `WO-${index}`, revision: 1 } });
      index++;
    }
  };
  sender.on('sendable', pump);
  pump();
  await done;
  const elapsed = performance.now() - started;
  connection.close();
  listener.close();
  return perSecond(messages, elapsed);
}

/** Sends `messages` in batches, then receives and completes them all in peek-lock, through the real SDK. */
export async function run(messages = 10_000): Promise<ServiceBusBenchResult> {
  const broker = await startServiceBusBroker({
    queues: [
      {
        name: 'bench',
        lockDuration: 'PT1M',
        maxDeliveryCount: 5,
        defaultMessageTimeToLive: 'P14D',
        deadLetteringOnMessageExpiration: true,
        requiresDuplicateDetection: true,
        duplicateDetectionHistoryTimeWindow: 'PT10M',
        requiresSession: false,
      },
    ],
  });
  const client = new ServiceBusClient(broker.connectionString);
  try {
    const sender = client.createSender('bench');
    const receiver = client.createReceiver('bench', { maxAutoLockRenewalDurationInMs: 0 });
    // Open both links first so the timings measure messaging, not connection setup.
    await sender.sendMessages({ body: 'warm-up' });
    const [warm] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 5_000 });
    if (warm) await receiver.completeMessage(warm);

    const started = performance.now();
    let batch = await sender.createMessageBatch();
    for (let index = 0; index < messages; index++) {
      const message = { body: { workOrderId: `WO-${index}`, revision: 1 }, messageId: `WO-${index}:1` };
      if (!batch.tryAddMessage(message)) {
        await sender.sendMessages(batch);
        batch = await sender.createMessageBatch();
        batch.tryAddMessage(message);
      }
    }
    if (batch.count > 0) await sender.sendMessages(batch);
    const sent = performance.now();

    let completed = 0;
    while (completed < messages) {
      const received = await receiver.receiveMessages(Math.min(1_000, messages - completed), {
        maxWaitTimeInMs: 5_000,
      });
      if (received.length === 0) throw new Error(`only ${completed} of ${messages} messages arrived`);
      await Promise.all(received.map((message) => receiver.completeMessage(message)));
      completed += received.length;
    }
    const finished = performance.now();
    const left = broker.stats('bench');
    if (left.active !== 0) throw new Error(`${left.active} messages left in the queue`);
    const result = {
      messages,
      sendPerSecond: perSecond(messages, sent - started),
      receiveCompletePerSecond: perSecond(messages, finished - sent),
      endToEndPerSecond: perSecond(messages, finished - started),
    };
    console.log(
      `servicebus: ${result.messages} messages — send (batched) ${result.sendPerSecond} msg/s, ` +
        `receive+complete ${result.receiveCompletePerSecond} msg/s, end-to-end ${result.endToEndPerSecond} msg/s`,
    );
    const raw = await rawAmqpRelay(messages);
    console.log(`baseline: bare rhea relay of the same bodies, end-to-end ${raw} msg/s`);
    console.log(
      `ratio broker+SDK / bare AMQP: ${(result.endToEndPerSecond / raw).toFixed(3)} (${(raw / result.endToEndPerSecond).toFixed(1)}× slower)`,
    );
    return result;
  } finally {
    await client.close();
    await broker.close();
  }
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
