import { performance } from 'node:perf_hooks';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { Agent } from 'node:https';
import { CosmosClient } from '@azure/cosmos';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createLocalRuntime,
  DurableEngine,
  FileEntityStore,
  FileInstanceStore,
  type LocalRuntime,
} from '@fieldline/functions-local';
import { devSettings } from '../local-dev/devSettings';
import { connectionSettings } from '../shared/config/settingNames';
import { resources } from '../shared/resources';

/** Persistence on, as `npm start` runs: every start after the first reopens the same state. */
const stateDirectory = mkdtempSync(join(tmpdir(), 'fieldline-bench-state-'));

/**
 * Start-up-to-ready of the local runtime with the Fieldline app and every embedded part, state kept
 * on disk as with `npm start`: from
 * `start()` until `GET /api/health` answers 200. The first run includes loading the app's modules;
 * the later ones are restarts in the same process (modules cached), as a test suite sees them.
 */

export interface StartupFigures {
  readonly coldSeconds: number;
  readonly warmSeconds: readonly number[];
  readonly stopSeconds: readonly number[];
}

async function once(
  withParts = true,
  beforeStop?: (runtime: LocalRuntime) => Promise<void>,
): Promise<{ readySeconds: number; stopSeconds: number }> {
  const started = performance.now();
  const runtime = createLocalRuntime({
    app: () => import('../functions'),
    port: 0,
    hermetic: true,
    plugins: [
      new DurableEngine({
        store: new FileInstanceStore(join(stateDirectory, 'durable.jsonl')),
        entityStore: new FileEntityStore(join(stateDirectory, 'entities.jsonl')),
      }),
    ],
    log: () => undefined,
    resources,
    connectionSettings,
    // The dev defaults `npm start` passes (local-dev/config.ts), so health judges the same settings.
    defaultSettings: devSettings,
    ...(withParts ? { stateDirectory } : { embedded: false, settings: placeholderConnections }),
  });
  await runtime.start();
  const response = await fetch(`${runtime.url}/api/health`);
  // Without parts the placeholders are unreachable and health says so (503): the answer is what counts.
  const expected = withParts ? 200 : 503;
  if (response.status !== expected) {
    await runtime.stop();
    throw new Error(`health answered ${response.status}: ${await response.text()}`);
  }
  const readySeconds = (performance.now() - started) / 1000;
  await beforeStop?.(runtime);
  const stopping = performance.now();
  await runtime.stop();
  return { readySeconds, stopSeconds: (performance.now() - stopping) / 1000 };
}

/** Connections that are never dialled: health needs none, and they stop the parts from starting. */
const placeholderConnections = {
  ServiceBusConnection:
    'Endpoint=sb://localhost:1;SharedAccessKeyName=k;SharedAccessKey=k;UseDevelopmentEmulator=true',
  CosmosDbConnection: 'AccountEndpoint=https://127.0.0.1:1/;AccountKey=aw==;',
  StorageConnection: 'UseDevelopmentStorage=true',
  AcsConnection: 'endpoint=http://127.0.0.1:1/;accesskey=aw==',
  AcsEmailSender: 'DoNotReply@fieldline.localhost',
};

const keptDocuments = 2_000;
const rewritesPerDocument = 3;

/**
 * Leaves the Cosmos journal as a busy day would: every document written several times, so the next
 * start replays (and compacts) a journal several times the size of the data.
 */
async function writeDocuments(runtime: LocalRuntime): Promise<void> {
  const [endpoint, key] = ['AccountEndpoint', 'AccountKey'].map(
    (name) => new RegExp(`${name}=([^;]+)`).exec(runtime.settings['CosmosDbConnection'] ?? '')?.[1] ?? '',
  );
  const ca = readFileSync(runtime.settings['CosmosDbCaCertificatePath'] ?? '');
  const client = new CosmosClient({ endpoint: endpoint ?? '', key: key ?? '', agent: new Agent({ ca }) });
  const container = client
    .database(resources.cosmos.databaseName)
    .container(resources.cosmos.containers.timeline.name);
  for (let round = 0; round < rewritesPerDocument; round++) {
    for (let start = 0; start < keptDocuments; start += 100) {
      await Promise.all(
        Array.from({ length: 100 }, (_, offset) =>
          container.items.upsert({
            id: `bench-${start + offset}`,
            subjectId: `bench-${start + offset}`,
            round,
          }),
        ),
      );
    }
  }
  client.dispose();
}

const journalLines = (): number =>
  readFileSync(join(stateDirectory, 'cosmos.jsonl'), 'utf8').split('\n').filter(Boolean).length;

export async function run(restarts = 3): Promise<StartupFigures> {
  const cold = await once();
  const warm: number[] = [];
  const stops = [cold.stopSeconds];
  for (let i = 0; i < restarts; i++) {
    const result = await once();
    warm.push(result.readySeconds);
    stops.push(result.stopSeconds);
  }
  const fmt = (s: number): string => s.toFixed(3);
  console.log(`start-up to ready (cold, app modules loaded): ${fmt(cold.readySeconds)} s`);
  console.log(`start-up to ready (restarts): ${warm.map(fmt).join(' s, ')} s`);
  console.log(`stop: ${stops.map(fmt).join(' s, ')} s`);
  await once(true, writeDocuments);
  const grown = { lines: journalLines(), bytes: statSync(join(stateDirectory, 'cosmos.jsonl')).size };
  const replayed = await once();
  const compacted = { lines: journalLines(), bytes: statSync(join(stateDirectory, 'cosmos.jsonl')).size };
  const again = await once();
  console.log(
    `start-up to ready with kept state (${keptDocuments} documents, Cosmos journal ${grown.lines} lines / ` +
      `${(grown.bytes / 1e6).toFixed(1)} MB, replayed and compacted): ${fmt(replayed.readySeconds)} s`,
  );
  console.log(
    `start-up to ready with kept state, journal compacted to ${compacted.lines} lines / ` +
      `${(compacted.bytes / 1e6).toFixed(1)} MB: ${fmt(again.readySeconds)} s`,
  );
  const bare = await once(false);
  const meanWarm = warm.reduce((sum, value) => sum + value, 0) / Math.max(1, warm.length);
  console.log(`baseline: the same app with no embedded parts (restart): ${fmt(bare.readySeconds)} s`);
  console.log(`ratio with parts / without: ${(meanWarm / bare.readySeconds).toFixed(1)}×`);
  return { coldSeconds: cold.readySeconds, warmSeconds: warm, stopSeconds: stops };
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
