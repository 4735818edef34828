import { performance } from 'node:perf_hooks';
import { systemClock } from '@fieldline/functions-local';
import { DurableEngine } from '@fieldline/functions-local';
import {
  loadFunctionApp,
  type FunctionApp,
  type InvocationInput,
  type PluginContext,
  type RpcTypedData,
} from '@fieldline/functions-local';

/**
 * The local Durable engine's throughput: orchestrations per second for a three-activity chain
 * (each runs 4 replays of the real durable-functions code), and replay time per history event.
 * Baseline: the same three activity invocations through the host, without any orchestration.
 */

const chains = 300;
const fanOutWidth = 200;
const concurrentStarts = 500;
/** Orchestrations replaying when the burst of starts arrives (each a fan-out of 200, slow episodes). */
const busyInstances = 5;

const percentile = (values: readonly number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))] ?? 0;

/**
 * `slowEpisodesOf`: an orchestrator whose every episode takes 100 ms of waiting, as a long replay
 * in the worker looks from the engine (the host awaits the worker's answer).
 */
async function startEngine(app: FunctionApp, slowEpisodesOf?: string): Promise<DurableEngine> {
  const engine = new DurableEngine({ maxConcurrentActivities: 10 });
  const context: PluginContext = {
    app,
    settings: {},
    clock: systemClock,
    log: () => undefined,
    invoke: async (name, input) => {
      if (name === slowEpisodesOf) await new Promise((resolve) => setTimeout(resolve, 100));
      return app.invoke(name, input);
    },
  };
  await engine.start(context);
  return engine;
}

/** The conformance app's `client` HTTP function, its durableClient input resolved as the runtime does. */
function invokeClient(app: FunctionApp, engine: DurableEngine, body: unknown): Promise<unknown> {
  const fn = app.get('client');
  const extraInputs: Record<string, RpcTypedData> = {};
  for (const [name, binding] of Object.entries(fn?.inputs ?? {})) {
    if (fn && binding.type === 'durableClient') extraInputs[name] = engine.resolveInput(binding, fn);
  }
  const input: InvocationInput = {
    trigger: {
      http: {
        method: 'POST',
        url: 'http://127.0.0.1:7071/api/client',
        headers: { 'content-type': 'application/json' },
        body: { string: JSON.stringify(body) },
      },
    },
    extraInputs,
  };
  return app.invoke('client', input);
}

interface Burst {
  readonly starts: number[];
  readonly baseline: number[];
}

/**
 * 500 starts at once while 5 fan-outs replay slowly, interleaved in the same burst with 500 baseline
 * calls that need no lock, so both see the same load.
 */
async function startLatency(
  app: FunctionApp,
  start: (engine: DurableEngine, id: string) => Promise<unknown>,
  baselineCall: (engine: DurableEngine, busyId: string) => Promise<unknown>,
): Promise<Burst> {
  const engine = await startEngine(app, 'fanOut');
  for (let i = 0; i < busyInstances; i++) {
    await engine.startNew('fanOut', { instanceId: `busy-${i}`, input: String(fanOutWidth) });
  }
  // Lets the fan-outs get going so the burst lands among their replays.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const burst: Burst = { starts: [], baseline: [] };
  await Promise.all(
    Array.from({ length: 2 * concurrentStarts }, async (_, i) => {
      const n = Math.floor(i / 2);
      const started = performance.now();
      if (i % 2 === 0) {
        await start(engine, `burst-${n}`);
        burst.starts.push(performance.now() - started);
      } else {
        await baselineCall(engine, `busy-${n % busyInstances}`);
        burst.baseline.push(performance.now() - started);
      }
    }),
  );
  await engine.waitForIdle();
  const completed = await engine.listStatus({ runtimeStatus: ['Completed'], instanceIdPrefix: 'burst-' });
  if (completed.length !== concurrentStarts)
    throw new Error(`only ${completed.length} burst starts completed`);
  await engine.stop();
  return burst;
}

const summary = (label: string, burst: Burst, baselineLabel: string): string => {
  const [startP50, startP99, baseP50, baseP99] = [
    percentile(burst.starts, 0.5),
    percentile(burst.starts, 0.99),
    percentile(burst.baseline, 0.5),
    percentile(burst.baseline, 0.99),
  ];
  return (
    `${concurrentStarts} ${label} at once beside ${busyInstances} fan-outs whose episodes take 100 ms: p50 ${startP50.toFixed(0)} ms, ` +
    `p99 ${startP99.toFixed(0)} ms; ${concurrentStarts} ${baselineLabel} in the same burst: ` +
    `p50 ${baseP50.toFixed(0)} ms, p99 ${baseP99.toFixed(0)} ms; ratio p50 ` +
    `${(startP50 / baseP50).toFixed(2)}×, p99 ${(startP99 / baseP99).toFixed(2)}×`
  );
};

async function baseline(app: FunctionApp): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < chains; i++) {
    for (const city of ['Tokyo', 'Seattle', 'London']) {
      await app.invoke('hello', { trigger: { json: JSON.stringify(city) } });
    }
  }
  return chains / ((performance.now() - started) / 1000);
}

async function chainThroughput(app: FunctionApp): Promise<{ perSecond: number; perEventUs: number }> {
  const engine = await startEngine(app);
  const started = performance.now();
  for (let i = 0; i < chains; i++) {
    const result = await engine.startNew('chain', { instanceId: `chain-${i}` });
    if (!result.ok) throw new Error(result.error.message);
  }
  await engine.waitForIdle();
  const seconds = (performance.now() - started) / 1000;
  const completed = await engine.listStatus({ runtimeStatus: ['Completed'] });
  if (completed.length !== chains) throw new Error(`only ${completed.length} of ${chains} chains completed`);
  const stats = engine.stats();
  await engine.stop();
  return { perSecond: chains / seconds, perEventUs: (stats.orchestratorMs * 1000) / stats.replayedEvents };
}

async function fanOutReplay(app: FunctionApp): Promise<{ events: number; perEventUs: number }> {
  const engine = await startEngine(app);
  await engine.startNew('fanOut', { instanceId: 'fan', input: String(fanOutWidth) });
  await engine.waitForIdle();
  const status = await engine.getStatus('fan');
  if (status?.runtimeStatus !== 'Completed') throw new Error(`fan-out ended ${status?.runtimeStatus}`);
  const stats = engine.stats();
  await engine.stop();
  return { events: stats.replayedEvents, perEventUs: (stats.orchestratorMs * 1000) / stats.replayedEvents };
}

export async function run(): Promise<void> {
  const app = await loadFunctionApp(() => import('../packages/functions-local/test/durable/conformanceApp'));
  // Warm-up: the first invocations compile the library's code paths.
  await chainThroughput(app);
  const direct = await baseline(app);
  const chain = await chainThroughput(app);
  const fan = await fanOutReplay(app);
  const engineBurst = await startLatency(
    app,
    async (engine, id) => {
      const result = await engine.startNew('chain', { instanceId: id });
      if (!result.ok) throw new Error(result.error.message);
    },
    (engine, busyId) => engine.getStatus(busyId),
  );
  const clientBurst = await startLatency(
    app,
    (engine, id) => invokeClient(app, engine, { op: 'start', name: 'chain', id }),
    (engine) => invokeClient(app, engine, { op: 'none' }),
  );
  console.log(`three-activity chain: ${chain.perSecond.toFixed(0)} orchestrations/s (${chains} instances)`);
  console.log(`baseline, the same 3 activities invoked directly: ${direct.toFixed(0)} chains/s`);
  console.log(
    `engine overhead ratio: ${(direct / chain.perSecond).toFixed(2)}x slower than the bare invocations`,
  );
  console.log(`replay time per history event (chain): ${chain.perEventUs.toFixed(1)} µs`);
  console.log(
    `replay time per history event (fan-out of ${fanOutWidth}, ${fan.events} events replayed): ${fan.perEventUs.toFixed(1)} µs`,
  );
  console.log(summary('engine starts', engineBurst, 'status reads (no lock)'));
  console.log(
    summary('starts through df.getClient', clientBurst, 'calls of the same function that skip the engine'),
  );
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
