import { performance } from 'node:perf_hooks';
import { planSimulation, sendSimulation } from '../scripts/utility/simulation';
import { cosmosStore, createCosmosClient } from '../shared/adapters/clients';
import { newWorkOrder } from '../shared/intake/importedRecords';
import type { CreateWorkOrderMessage } from '../shared/contracts/inbound/messages';
import { queueName } from '../shared/resources';
import { workOrderIdFor } from '../shared/workorders/workOrderId';
import { UtilityInbox } from '../test/support/outboundQueue';
import { startTestRuntime } from '../test/support/runtime';

/**
 * Intake throughput: work orders per second from the utility's SDK sender, through the local
 * broker and the Service Bus trigger, into Cosmos DB with a journey started and an answer on the
 * outbound queue. Baseline in the same run: upserting the same work-order documents straight into
 * the same embedded Cosmos with the same concurrency (host.json maxConcurrentCalls = 16), i.e. the
 * floor intake's ~8 storage round trips per message are measured against.
 */
const count = Number(process.env['BENCH_INTAKE_COUNT'] ?? 10_000);
const concurrency = 16;

export async function run(): Promise<void> {
  const rt = await startTestRuntime({ app: () => import('../test/intake/support/intakeOnlyApp') });
  const inbox = new UtilityInbox(rt.serviceBusClient());
  try {
    const plan = planSimulation({ count, seed: 11, utilityCode: 'BENCH' });
    const sender = rt.serviceBusClient().createSender(queueName('workOrdersInbound'));
    const started = performance.now();
    await sendSimulation(sender, plan);
    await inbox.waitFor(plan.length, 30 * 60_000);
    const intakeSeconds = (performance.now() - started) / 1000;
    await sender.close();
    const accepted = inbox.received.filter((m) => m.body.kind === 'accepted').length;
    if (accepted !== count) throw new Error(`only ${accepted} of ${count} accepted`);

    const client = createCosmosClient(rt.settings);
    const container = cosmosStore(client).container('workOrders');
    const documents = plan.map(({ message }) => {
      const body = message.body as CreateWorkOrderMessage;
      return {
        ...newWorkOrder(
          `${workOrderIdFor(body.utilityCode, body.externalId)}-raw`,
          body,
          { messageId: message.messageId, enqueuedAt: body.sentAt, deliveryCount: 1, body },
          body.sentAt,
        ),
      };
    });
    const rawStarted = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < documents.length) {
          const document = documents[next++];
          if (document !== undefined) await container.items.upsert(document);
        }
      }),
    );
    const rawSeconds = (performance.now() - rawStarted) / 1000;
    client.dispose();

    const intakeRate = count / intakeSeconds;
    const rawRate = count / rawSeconds;
    console.log(
      `intake: ${count} work orders in ${intakeSeconds.toFixed(1)} s = ${intakeRate.toFixed(0)} work orders/s ` +
        `(SDK → broker → trigger → Cosmos + journey start + answer)`,
    );
    console.log(`baseline: raw Cosmos upserts of the same documents = ${rawRate.toFixed(0)} documents/s`);
    console.log(
      `ratio intake / raw upsert: ${(intakeRate / rawRate).toFixed(3)} (${(rawRate / intakeRate).toFixed(1)}× slower)`,
    );
  } finally {
    await inbox.close();
    await rt.stop();
  }
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
