import { randomUUID } from 'node:crypto';
import type {
  CoreInvocationContext,
  FunctionMetadata,
  HookName,
  RpcBindingInfo,
  RpcInvocationResponse,
  RpcLogCategory,
  RpcLogLevel,
  RpcParameterBinding,
  RpcTypedData,
} from './coreTypes';
import { installFunctionsCore, type CoreRegistrations, type RegisteredFunction } from './functionsCore';

export type HostLogger = (entry: {
  readonly level: RpcLogLevel;
  readonly category: RpcLogCategory;
  readonly functionName: string;
  readonly invocationId: string;
  readonly message: string;
}) => void;

export interface FunctionDescriptor {
  readonly name: string;
  readonly triggerName: string;
  readonly trigger: RpcBindingInfo;
  /** Non-trigger bindings by name, e.g. a `durableClient` input or a `serviceBus` output. */
  readonly inputs: Readonly<Record<string, RpcBindingInfo>>;
  readonly outputs: Readonly<Record<string, RpcBindingInfo>>;
  readonly metadata: FunctionMetadata;
}

export interface InvocationInput {
  /** The trigger's payload, as the host would put it on the wire. */
  readonly trigger: RpcTypedData;
  readonly triggerMetadata?: Readonly<Record<string, RpcTypedData>>;
  /** Values of extra input bindings (e.g. the durable client's binding data), by binding name. */
  readonly extraInputs?: Readonly<Record<string, RpcTypedData>>;
  readonly retryContext?: { retryCount: number; maxRetryCount: number };
}

export interface InvocationOutcome {
  readonly invocationId: string;
  readonly returnValue: RpcTypedData | null | undefined;
  readonly outputs: Readonly<Record<string, RpcTypedData>>;
}

export interface FunctionApp {
  readonly functions: readonly FunctionDescriptor[];
  get(name: string): FunctionDescriptor | undefined;
  invoke(name: string, input: InvocationInput): Promise<InvocationOutcome>;
  runAppStartHooks(functionAppDirectory: string): Promise<void>;
  runAppTerminateHooks(): Promise<void>;
}

const isTriggerType = (type: string | null | undefined): boolean =>
  !!type && type.toLowerCase().endsWith('trigger');

function describe(fn: RegisteredFunction): FunctionDescriptor {
  const bindings = Object.entries(fn.metadata.bindings);
  const triggerEntry = bindings.find(([, b]) => isTriggerType(b.type));
  if (!triggerEntry) throw new Error(`Function "${fn.metadata.name}" has no trigger binding.`);
  const inputs: Record<string, RpcBindingInfo> = {};
  const outputs: Record<string, RpcBindingInfo> = {};
  for (const [name, binding] of bindings) {
    if (name === triggerEntry[0]) continue;
    if (binding.direction === 'out') outputs[name] = binding;
    else inputs[name] = binding;
  }
  return {
    name: fn.metadata.name,
    triggerName: triggerEntry[0],
    trigger: triggerEntry[1],
    inputs,
    outputs,
    metadata: fn.metadata,
  };
}

/**
 * Loads a function app the way the Azure Functions Node worker does: the core API is in place
 * before the entry module runs, the entry registers its functions and hooks through
 * `@azure/functions`, and every invocation goes through the library's own programming model.
 */
export async function loadFunctionApp(
  load: () => Promise<unknown> | unknown,
  logger: HostLogger = () => undefined,
): Promise<FunctionApp> {
  const core = installFunctionsCore();
  await load();
  const model = core.programmingModel;
  if (!model) {
    throw new Error('The app registered no programming model: does its entry import "@azure/functions"?');
  }
  // The worker asks for capabilities once at start-up; the library locks `app.setup()` then.
  const capabilities = await model.getCapabilities({});
  if (capabilities['HttpUri']) {
    throw new Error(
      'HTTP streaming (app.setup({ enableHttpStream: true })) is not supported by the local host.',
    );
  }
  const appHookData: Record<string, unknown> = {};
  const descriptors = [...core.functions.values()].map(describe);
  const byName = new Map(descriptors.map((d) => [d.name.toLowerCase(), d]));

  return {
    functions: descriptors,
    get: (name) => byName.get(name.toLowerCase()),
    invoke: (name, input) => invoke(core, appHookData, logger, name, input),
    runAppStartHooks: (functionAppDirectory) =>
      runHooks(core, 'appStart', { hookData: appHookData, appHookData, functionAppDirectory }),
    runAppTerminateHooks: () => runHooks(core, 'appTerminate', { hookData: appHookData, appHookData }),
  };
}

async function runHooks(
  core: CoreRegistrations,
  name: HookName,
  context: Record<string, unknown>,
): Promise<void> {
  for (const hook of core.hooks.get(name) ?? []) {
    await hook(context);
  }
}

async function invoke(
  core: CoreRegistrations,
  appHookData: Record<string, unknown>,
  logger: HostLogger,
  name: string,
  input: InvocationInput,
): Promise<InvocationOutcome> {
  const registered = [...core.functions.values()].find(
    (f) => f.metadata.name.toLowerCase() === name.toLowerCase(),
  );
  const model = core.programmingModel;
  if (!registered || !model) throw new Error(`No function named "${name}" is registered.`);
  const descriptor = describe(registered);
  const invocationId = randomUUID();

  const inputData: RpcParameterBinding[] = [{ name: descriptor.triggerName, data: input.trigger }];
  for (const [bindingName, data] of Object.entries(input.extraInputs ?? {})) {
    inputData.push({ name: bindingName, data });
  }

  const coreCtx: CoreInvocationContext = {
    invocationId,
    metadata: registered.metadata,
    request: {
      invocationId,
      functionId: registered.metadata.name,
      inputData,
      triggerMetadata: { ...(input.triggerMetadata ?? {}) },
      retryContext: input.retryContext ?? null,
      traceContext: { traceParent: undefined, traceState: undefined, attributes: {} },
    },
    log: (level, category, message) =>
      logger({ level, category, functionName: registered.metadata.name, invocationId, message }),
  };

  const invocationModel = model.getInvocationModel(coreCtx);
  const { context, inputs } = await invocationModel.getArguments();
  const hookData: Record<string, unknown> = {};
  const pre: Record<string, unknown> = {
    hookData,
    appHookData,
    invocationContext: context,
    functionCallback: registered.callback,
    inputs,
  };
  coreCtx.state = 'preInvocationHooks';
  await runHooks(core, 'preInvocation', pre);

  coreCtx.state = 'invocation';
  let result: unknown;
  let error: unknown;
  try {
    result = await invocationModel.invokeFunction(
      context,
      pre['inputs'] as unknown[],
      pre['functionCallback'] as RegisteredFunction['callback'],
    );
  } catch (err) {
    error = err;
  }

  coreCtx.state = 'postInvocationHooks';
  const post: Record<string, unknown> = {
    hookData,
    appHookData,
    invocationContext: context,
    inputs,
    result,
    error,
  };
  await runHooks(core, 'postInvocation', post);
  if (post['error'] !== undefined) throw post['error'];

  const response: RpcInvocationResponse = await invocationModel.getResponse(context, post['result']);
  const outputs: Record<string, RpcTypedData> = {};
  for (const out of response.outputData ?? []) {
    if (out.data) outputs[out.name] = out.data;
  }
  return { invocationId, returnValue: response.returnValue, outputs };
}
