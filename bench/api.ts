import type { Database } from '@azure/cosmos';
import autocannon from 'autocannon';
import { DurableEngine } from '@fieldline/functions-local';
import { performance } from 'node:perf_hooks';
import type { WorkOrder } from '../shared/workorders/workOrder';
import { aWorkOrder } from '../test/journey/support/fixtures';
import { signedInAs, startTestRuntime } from '../test/support/runtime';
import { hostTimings } from './support/hostTimings';

const technician = signedInAs({ userId: 'tech-1', roles: ['technician'] });
const connections = 10;
const durationSeconds = 5;
const statusUpdates = 1500;

const dispatched = (id: string): WorkOrder =>
  aWorkOrder({
    id,
    externalId: id,
    state: { status: 'Dispatched', appointmentId: `AP-${id}`, technicianId: 'tech-1' },
  });

type Result = Awaited<ReturnType<typeof autocannon>>;

const percentile = (values: readonly number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))] ?? 0;

const line = (name: string, result: Result): string =>
  `${name.padEnd(34)} p50 ${String(result.latency.p50).padStart(4)} ms  p99 ${String(result.latency.p99).padStart(4)} ms  ` +
  `${result.requests.average.toFixed(0).padStart(6)} req/s  (${result.requests.total} requests, ${result.non2xx} non-2xx)`;

/**
 * The Cosmos reads the technician work-order read makes, straight through the SDK on the same
 * containers and ids (`functions/technicians/workOrders.ts`): the point read of the work order,
 * then its 100 most recent timeline events.
 */
const sdkReads = (database: Database, workOrderId: string) => async () => {
  await database.container('workOrders').item(workOrderId, workOrderId).read();
  await database
    .container('timeline')
    .items.query({
      query:
        "SELECT TOP @limit * FROM c WHERE c.subjectId = @subjectId AND c.docType = 'event' ORDER BY c.occurredAt DESC",
      parameters: [
        { name: '@limit', value: 100 },
        { name: '@subjectId', value: workOrderId },
      ],
    })
    .fetchAll();
};

async function timed(run: () => Promise<unknown>): Promise<number> {
  const began = performance.now();
  await run();
  return performance.now() - began;
}

/**
 * The HTTP read and its SDK reads one request at a time, alternating, so both meet the same
 * machine (other work on a shared box moves both, not the ratio).
 */
async function readBesideSdk(httpRead: () => Promise<unknown>, reads: () => Promise<unknown>) {
  const http: number[] = [];
  const sdk: number[] = [];
  for (let i = 0; i < 20; i++) {
    await httpRead();
    await reads();
  }
  timings.take();
  for (let i = 0; i < 400; i++) {
    http.push(await timed(httpRead));
    sdk.push(await timed(reads));
  }
  const figures = (values: readonly number[]) =>
    `p50 ${percentile(values, 0.5).toFixed(1)} ms p99 ${percentile(values, 0.99).toFixed(1)} ms`;
  console.log(
    `one at a time: HTTP work-order read ${figures(http)}; its Cosmos reads via the SDK ${figures(sdk)}`,
  );
  const hosted = timings.take();
  console.log(`the same reads as the host times them: ${figures(hosted)} (${hosted.length} requests)`);
  console.log(
    `work-order read p99 ÷ its Cosmos reads via the SDK p99: host-timed ` +
      `${(percentile(hosted, 0.99) / percentile(sdk, 0.99)).toFixed(2)}× (target ≤ 1.5×), ` +
      `client-timed ${(percentile(http, 0.99) / percentile(sdk, 0.99)).toFixed(2)}×; ` +
      `p50 ${(percentile(http, 0.5) / percentile(sdk, 0.5)).toFixed(2)}× client-timed`,
  );
}

const timings = hostTimings('technicianWorkOrder');

/**
 * Reading a work order and posting technician status updates on the local runtime (embedded
 * Cosmos, Durable engine), beside the trivial health function in the same run as the baseline:
 * the ratio is what our code and Cosmos cost per request, whatever the machine.
 */
export async function run(): Promise<void> {
  const rt = await startTestRuntime({
    app: async () => {
      await import('../test/cases/support/casesTestApp');
      await import('../functions/ops/health');
    },
    plugins: [new DurableEngine()],
    // Blob too, so the baseline is the health function answering 200, not a 503 for a missing setting.
    embedded: { cosmos: true, blob: true, outbox: false },
    log: timings.log,
  });
  try {
    const workOrders = rt.cosmos!.container('workOrders');
    await workOrders.items.upsert(dispatched('WO-READ'));
    for (let i = 0; i < statusUpdates; i++) await workOrders.items.upsert(dispatched(`WO-BENCH-${i}`));

    const baseline = await autocannon({
      url: `${rt.url}/api/health`,
      connections,
      duration: durationSeconds,
    });
    const read = await autocannon({
      url: `${rt.url}/api/technician/work-orders/WO-READ`,
      connections,
      duration: durationSeconds,
      headers: technician,
    });
    let next = 0;
    const post = await autocannon({
      url: rt.url,
      connections,
      amount: statusUpdates,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const i = next++;
            return {
              ...request,
              path: `/api/technician/work-orders/WO-BENCH-${i}/status`,
              headers: { ...technician, 'content-type': 'application/json' },
              body: JSON.stringify({
                updateId: `bench-${i}`,
                clientTimestamp: new Date().toISOString(),
                status: 'enRoute',
                eta: new Date(Date.now() + 3_600_000).toISOString(),
              }),
            };
          },
        },
      ],
    });
    console.log(line('GET /api/health (baseline)', baseline));
    console.log(line('GET technician work order', read));
    console.log(line('POST status update (en route)', post));
    console.log(
      `work-order read costs ${(read.latency.p50 / Math.max(baseline.latency.p50, 1)).toFixed(1)}× the baseline p50; ` +
        `status update ${(post.latency.p50 / Math.max(baseline.latency.p50, 1)).toFixed(1)}×`,
    );
    await readBesideSdk(
      async () => {
        const response = await rt.fetch('/api/technician/work-orders/WO-READ', { headers: technician });
        if (response.status !== 200) throw new Error(`the work-order read answered ${response.status}`);
        await response.text();
      },
      sdkReads(rt.cosmos!, 'WO-READ'),
    );
  } finally {
    await rt.stop();
  }
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
