import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { performance } from 'node:perf_hooks';
import { ServiceBusClient } from '@azure/service-bus';
import {
  DurableEngine,
  FileEntityStore,
  FileInstanceStore,
  queuesFromManifest,
  shiftedClock,
  startEmbeddedBlob,
  startEmbeddedCosmos,
  startOutbox,
  startServiceBusBroker,
  topicsFromManifest,
} from '@fieldline/functions-local';
import { planSimulation, sendSimulation, type SimulatedMessage } from '../../scripts/utility/simulation';
import { connectionSettings } from '../../shared/config/settingNames';
import { queueName, resources } from '../../shared/resources';
import { UtilityInbox } from '../../test/support/outboundQueue';
import { collectGarbage } from '../support/collectGarbage';
import { startTestRuntime } from '../../test/support/runtime';

/**
 * Resident memory of the local Functions host per work order processed, end to end: the utility's
 * SDK sender → Service Bus → intake → Cosmos → journey start → first invitation to the outbox.
 *
 * What is measured is the host process only. In Azure, Cosmos DB, Service Bus and Communication
 * Services are not in the function host's memory, so here the embedded Cosmos, the broker, Azurite
 * (blob and host storage) and the outbox run in this (parent) process and the host runs in a child
 * with `--expose-gc`, started as `npm start` starts it: Durable state in the state directory's files
 * (FileInstanceStore), as the extension keeps it in Storage. Data those stores hold is not the
 * host's; anything the host keeps per work order is a leak. Before each reading, once every journey
 * of the step has sent its invitation, the child forces full collections and lets RSS settle.
 *
 * Steps of `BENCH_MEMORY_STEP` work orders (10,000 by default, as issue 17 asks), `BENCH_MEMORY_STEPS`
 * of them after a warm-up step (3 by default); the rate and the CPU time per work order are printed
 * so a smaller step can be chosen.
 */
const stepSize = Number(process.env['BENCH_MEMORY_STEP'] ?? 10_000);
const steps = Number(process.env['BENCH_MEMORY_STEPS'] ?? 3);
/**
 * The run's clock starts at a Tuesday's working hour in Brussels (the journeys' default zone) and
 * runs on in real time, so each journey sends its first invitation now, not after quiet hours.
 */
const startAt = new Date(process.env['BENCH_MEMORY_AT'] ?? '2026-11-24T09:30:00Z');

interface Reading {
  readonly rss: number;
  /** The highest RSS seen while the forced collections ran and their pages were given back. */
  readonly rssDuringGc: number;
  /** RSS split as Linux counts it (`/proc/self/status`): anonymous pages (heaps, malloc) and mapped files (code). */
  readonly rssAnon: number | undefined;
  readonly rssFile: number | undefined;
  readonly heapUsed: number;
  /** V8's heap reserved, and memory outside it (buffers, native objects): what RSS holds beside. */
  readonly heapTotal: number;
  readonly external: number;
  /** The host's CPU time so far (user + system), ms. */
  readonly cpuMs: number;
  readonly durable: { readonly records: number; readonly cached: number };
  readonly resident: Readonly<Record<string, number>>;
}

type FromHost = { readonly kind: 'ready' } | { readonly kind: 'reading'; readonly reading: Reading };

/** A `/proc/self/status` field in bytes (Linux; undefined elsewhere). */
function procStatus(field: string): number | undefined {
  try {
    const line = readFileSync('/proc/self/status', 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`));
    const kb = line === undefined ? undefined : Number(/(\d+)\s*kB/.exec(line)?.[1]);
    return kb === undefined || Number.isNaN(kb) ? undefined : kb * 1024;
  } catch {
    return undefined;
  }
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const cpuMs = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1000;

/**
 * Forces full collections and waits, idle, until V8 has given the freed pages back. A full
 * mark-compact evacuates into fresh pages before it frees the old ones, and V8 unmaps freed pages
 * on a background thread, so RSS read straight after `gc()` is the collection's own high-water
 * mark (here up to twice the settled figure), not what the host holds. RSS is sampled while it
 * settles; the reading is taken once it has stopped falling.
 */
async function settledAfterGc(gc: (() => void) | undefined): Promise<{ readonly peak: number }> {
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  let peak = 0;
  for (let round = 0; round < 3; round++) {
    gc?.();
    peak = Math.max(peak, process.memoryUsage.rss());
    await pause(1000);
  }
  let last = process.memoryUsage.rss();
  for (let sample = 0; sample < 20; sample++) {
    await pause(250);
    const now = process.memoryUsage.rss();
    peak = Math.max(peak, now);
    if (now >= last) break;
    last = now;
  }
  return { peak };
}

/** The child: the app's host on the parent's stores, answering "measure" with a post-GC reading. */
async function host(): Promise<void> {
  const state = mkdtempSync(join(tmpdir(), 'fieldline-memory-'));
  const store = new FileInstanceStore(join(state, 'durable.jsonl'));
  const entities = new FileEntityStore(join(state, 'entities.jsonl'));
  const engine = new DurableEngine({ store, entityStore: entities });
  const settings = JSON.parse(process.env['BENCH_MEMORY_SETTINGS'] ?? '{}') as Record<string, string>;
  const rt = await startTestRuntime({
    app: () => import('../../functions'),
    plugins: [engine],
    settings,
    clock: shiftedClock(startAt),
    embedded: { cosmos: false, serviceBus: false, outbox: false, blob: false },
  });
  const gc = (globalThis as { gc?: () => void }).gc;
  process.on('message', (message: { kind: string }) => {
    if (message.kind === 'measure') {
      void (async () => {
        await engine.waitForIdle();
        await rt.runtime.idle();
        const settling = await settledAfterGc(gc);
        const usage = process.memoryUsage();
        const snapshots = process.env['BENCH_MEMORY_SNAPSHOTS'];
        if (snapshots) writeHeapSnapshot(join(snapshots, `host-${Date.now()}.heapsnapshot`));
        const reading: Reading = {
          rss: usage.rss,
          rssDuringGc: settling.peak,
          rssAnon: procStatus('RssAnon'),
          rssFile: procStatus('RssFile'),
          heapUsed: usage.heapUsed,
          heapTotal: usage.heapTotal,
          external: usage.external,
          cpuMs: cpuMs(process.cpuUsage()),
          durable: store.size,
          resident: { ...engine.resident() },
        };
        process.send?.({ kind: 'reading', reading } satisfies FromHost);
      })();
    }
    if (message.kind === 'stop') {
      void rt.stop().then(() => {
        store.close();
        entities.close();
        rmSync(state, { recursive: true, force: true });
        process.exit(0);
      });
    }
  });
  process.send?.({ kind: 'ready' } satisfies FromHost);
}

/** Every `withdrawnEvery`-th accepted work order of a step is cancelled by the utility. */
const withdrawnEvery = 5;

/** The utility's cancels of a fifth of the step's work orders, each answered `cancelled` by intake. */
function withdrawalsOf(plan: readonly SimulatedMessage[], utilityCode: string): SimulatedMessage[] {
  return plan
    .filter((planned) => planned.expectation === 'accepted' && planned.externalId !== undefined)
    .filter((_, n) => n % withdrawnEvery === 0)
    .map((planned) => ({
      expectation: 'accepted',
      externalId: planned.externalId,
      message: {
        messageId: `cancel-${planned.message.messageId}`,
        contentType: 'application/json',
        subject: 'cancel',
        body: {
          schemaVersion: 1,
          kind: 'cancel',
          utilityCode,
          externalId: planned.externalId,
          revision: 2,
          sentAt: startAt.toISOString(),
          reason: 'withdrawn by the utility',
        },
      },
    }));
}

function next(child: ChildProcess): Promise<FromHost> {
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message as FromHost));
    child.once('exit', (code) => reject(new Error(`the host exited (${String(code)})`)));
  });
}

export async function memoryPerWorkOrder(): Promise<void> {
  const broker = await startServiceBusBroker({
    port: 0,
    queues: queuesFromManifest(resources),
    topics: topicsFromManifest(resources),
    clock: shiftedClock(startAt),
  });
  const cosmos = await startEmbeddedCosmos({
    ...(resources.cosmos ? { databaseName: resources.cosmos.databaseName } : {}),
    containers: Object.values(resources.cosmos?.containers ?? {}),
  });
  const outbox = await startOutbox({});
  const blob = await startEmbeddedBlob({
    containers: Object.values(resources.storage?.blobContainers ?? {}).map((container) => container.name),
  });
  let sent = 0;
  const unsubscribe = outbox.onMessage(() => sent++);
  const settings = {
    [connectionSettings.serviceBus.connectionString]: broker.connectionString,
    [connectionSettings.cosmos.connectionString]: cosmos.connectionString,
    CosmosDbCaCertificatePath: cosmos.caCertificatePath,
    [connectionSettings.communication.connectionString]: outbox.connectionString,
    [connectionSettings.storage.connectionString]: blob.connectionString,
    [connectionSettings.hostStorage.connectionString]: blob.connectionString,
  };
  const profiles = process.env['BENCH_MEMORY_CPU_PROFILES'];
  const profile = profiles ? ['--cpu-prof', `--cpu-prof-dir=${profiles}`] : [];
  const child = fork(__filename, ['host'], {
    execArgv: ['--expose-gc', '--import', 'tsx', ...profile],
    env: { ...process.env, BENCH_MEMORY_SETTINGS: JSON.stringify(settings) },
  });
  const client = new ServiceBusClient(broker.connectionString);
  const inbox = new UtilityInbox(client);
  const sender = client.createSender(queueName('workOrdersInbound'));
  try {
    if ((await next(child)).kind !== 'ready') throw new Error('the host did not start');
    let answered = 0;
    let previous: Reading | undefined;
    let previousStoresHeap: number | undefined;
    let hostCpu = 0;
    let storesCpu = cpuMs(process.cpuUsage());
    for (let step = 0; step <= steps; step++) {
      const plan = planSimulation({
        count: stepSize,
        seed: 17 + step,
        utilityCode: `MEM${step}`,
        from: startAt,
      });
      const sentBefore = sent;
      const started = performance.now();
      await sendSimulation(sender, plan);
      answered += stepSize;
      await inbox.waitFor(answered, 60 * 60_000);
      // The utility withdraws some of them: those journeys end, so completed ones are measured too.
      const withdrawn = withdrawalsOf(plan, `MEM${step}`);
      await sendSimulation(sender, withdrawn);
      answered += withdrawn.length;
      await inbox.waitFor(answered, 60 * 60_000);
      child.send({ kind: 'measure' });
      const answer = await next(child);
      if (answer.kind !== 'reading') throw new Error('the host did not measure');
      const seconds = (performance.now() - started) / 1000;
      const { reading } = answer;
      // The stores' process collects too, to tell the data it holds from garbage.
      collectGarbage();
      const storesHeap = process.memoryUsage().heapUsed;
      const storesGrowth =
        previousStoresHeap === undefined
          ? ''
          : `, +${((storesHeap - previousStoresHeap) / stepSize / 1024).toFixed(1)} KB per work order`;
      previousStoresHeap = storesHeap;
      // CPU time, not the wall-clock rate, is what compares across runs on a shared machine.
      const storesNow = cpuMs(process.cpuUsage());
      const perOrder = (ms: number): string => `${(ms / stepSize).toFixed(1)} ms`;
      const cpu = `CPU per work order: host ${perOrder(reading.cpuMs - hostCpu)}, stores and sender ${perOrder(storesNow - storesCpu)}`;
      hostCpu = reading.cpuMs;
      storesCpu = storesNow;
      const ratio =
        previous === undefined
          ? ''
          : `, ×${(reading.rss / previous.rss).toFixed(3)} RSS, ×${(reading.heapUsed / previous.heapUsed).toFixed(3)} heap vs the step before (target within 10 %)`;
      console.log(
        `${step === 0 ? 'warm-up' : `step ${step}`}: ${(step + 1) * stepSize} work orders processed ` +
          `(${(stepSize / seconds).toFixed(1)}/s, a fifth then withdrawn, ${sent - sentBefore} messages to the outbox; ${cpu}): host RSS ${mb(reading.rss)}` +
          (reading.rssAnon === undefined
            ? ''
            : ` (anonymous ${mb(reading.rssAnon)}, files ${mb(reading.rssFile ?? 0)})`) +
          ` settled after GC (up to ${mb(reading.rssDuringGc)} while it ran), ` +
          `heap ${mb(reading.heapUsed)} (of ${mb(reading.heapTotal)}, external ${mb(reading.external)}); ` +
          `Durable records on file ${reading.durable.records}, parsed in memory ${reading.durable.cached}; engine ${JSON.stringify(reading.resident)}${ratio}; ` +
          `the stores' process (the data: Cosmos documents, queues, the outbox's last 1,000) heap ${mb(storesHeap)}${storesGrowth}`,
      );
      previous = reading;
    }
  } finally {
    child.send({ kind: 'stop' });
    await new Promise((resolve) => child.once('exit', resolve));
    unsubscribe();
    await sender.close();
    await inbox.close();
    await client.close();
    await outbox.stop();
    await blob.stop();
    await cosmos.stop();
    await broker.close();
  }
}

if (process.argv[2] === 'host') {
  host().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else if (require.main === module) {
  memoryPerWorkOrder().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
