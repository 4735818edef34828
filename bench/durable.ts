import { performance } from 'node:perf_hooks';
import { systemClock } from '@fieldline/functions-local';
import { DurableEngine } from '@fieldline/functions-local';
import { loadFunctionApp, type FunctionApp, type PluginContext } from '@fieldline/functions-local';

/**
 * The local Durable engine's throughput: orchestrations per second for a three-activity chain
 * (each runs 4 replays of the real durable-functions code), and replay time per history event.
 * Baseline: the same three activity invocations through the host, without any orchestration.
 */

const chains = 300;
const fanOutWidth = 200;

async function startEngine(app: FunctionApp): Promise<DurableEngine> {
  const engine = new DurableEngine({ maxConcurrentActivities: 10 });
  const context: PluginContext = {
    app,
    settings: {},
    clock: systemClock,
    log: () => undefined,
    invoke: (name, input) => app.invoke(name, input),
  };
  await engine.start(context);
  return engine;
}

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
  console.log(`three-activity chain: ${chain.perSecond.toFixed(0)} orchestrations/s (${chains} instances)`);
  console.log(`baseline, the same 3 activities invoked directly: ${direct.toFixed(0)} chains/s`);
  console.log(
    `engine overhead ratio: ${(direct / chain.perSecond).toFixed(2)}x slower than the bare invocations`,
  );
  console.log(`replay time per history event (chain): ${chain.perEventUs.toFixed(1)} µs`);
  console.log(
    `replay time per history event (fan-out of ${fanOutWidth}, ${fan.events} events replayed): ${fan.perEventUs.toFixed(1)} µs`,
  );
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
