import { performance } from 'node:perf_hooks';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalRuntime, DurableEngine, FileInstanceStore } from '@fieldline/functions-local';
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

async function once(withParts = true): Promise<{ readySeconds: number; stopSeconds: number }> {
  const started = performance.now();
  const runtime = createLocalRuntime({
    app: () => import('../functions'),
    port: 0,
    hermetic: true,
    plugins: [new DurableEngine({ store: new FileInstanceStore(join(stateDirectory, 'durable.jsonl')) })],
    log: () => undefined,
    resources,
    connectionSettings,
    defaultSettings: { AcsEmailSender: 'DoNotReply@fieldline.localhost' },
    ...(withParts ? { stateDirectory } : { embedded: false, settings: placeholderConnections }),
  });
  await runtime.start();
  const response = await fetch(`${runtime.url}/api/health`);
  if (response.status !== 200) throw new Error(`health answered ${response.status}`);
  const readySeconds = (performance.now() - started) / 1000;
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
