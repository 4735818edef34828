import { ManualClock } from '../../src/clock';
import { DurableEngine, type DurableEngineOptions } from '../../src/durable';
import {
  loadFunctionApp,
  type FunctionApp,
  type InvocationInput,
  type PluginContext,
  type RpcTypedData,
  type RuntimeLogEntry,
} from '../../src/host';

export const harnessMasterKey = 'harness-master-key';

export interface Harness {
  readonly engine: DurableEngine;
  readonly clock: ManualClock;
  readonly app: FunctionApp;
  readonly logs: RuntimeLogEntry[];
  /** Calls the test app's `client` HTTP function (df.getClient inside) with one operation. */
  client(
    body: Record<string, unknown>,
  ): Promise<{ status: number; headers: Record<string, string>; body: unknown }>;
  /** Lets every episode, activity and client call in flight finish. */
  settle(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * A stand-in for the local runtime: a `PluginContext` over the host's function app that resolves
 * durableClient inputs through the engine, as the runtime's binding pipeline does.
 */
export async function startHarness(
  options: DurableEngineOptions = {},
  clock: ManualClock = new ManualClock(),
  entry: () => Promise<unknown> = () => import('./conformanceApp'),
): Promise<Harness> {
  const app = await loadFunctionApp(entry);
  const logs: RuntimeLogEntry[] = [];
  const engine = new DurableEngine(options);
  const invoke = (name: string, input: InvocationInput): ReturnType<FunctionApp['invoke']> => {
    const fn = app.get(name);
    const extraInputs: Record<string, RpcTypedData> = { ...input.extraInputs };
    for (const [bindingName, binding] of Object.entries(fn?.inputs ?? {})) {
      if (fn && binding.type === 'durableClient') extraInputs[bindingName] = engine.resolveInput(binding, fn);
    }
    return app.invoke(name, { ...input, extraInputs });
  };
  const context: PluginContext = {
    app,
    // The host's master key, which opens the Durable webhooks besides the system key.
    settings: { FUNCTIONS_LOCAL_MASTER_KEY: harnessMasterKey },
    clock,
    log: (entry) => logs.push(entry),
    invoke,
  };
  await engine.start(context);
  return {
    engine,
    clock,
    app,
    logs,
    async client(body) {
      // An unhandled error in the function becomes a 500, as the runtime answers it.
      const outcome = await invoke('client', {
        trigger: {
          http: {
            method: 'POST',
            url: 'http://127.0.0.1:7071/api/client',
            headers: { 'content-type': 'application/json' },
            body: { string: JSON.stringify(body) },
          },
        },
      }).catch((error: unknown) => error as Error);
      if (outcome instanceof Error) return { status: 500, headers: {}, body: { error: outcome.message } };
      const http = outcome.returnValue?.http;
      const text = Buffer.from(http?.body?.bytes ?? []).toString('utf8');
      return {
        status: Number(http?.statusCode ?? 0),
        headers: { ...(http?.headers ?? {}) },
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
      };
    },
    settle: () => clock.settle(),
    dispose: () => engine.stop(),
  };
}
