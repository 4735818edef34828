import type { Clock } from '../clock';
import type { RpcBindingInfo, RpcTypedData } from './coreTypes';
import type { FunctionApp, FunctionDescriptor, InvocationInput, InvocationOutcome } from './functionApp';

export interface RuntimeLogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly [field: string]: unknown;
}

/** What the local runtime gives each part that serves triggers or bindings. */
export interface PluginContext {
  readonly app: FunctionApp;
  /** App settings as the functions see them (process.env plus local.settings.json `Values`). */
  readonly settings: Readonly<Record<string, string | undefined>>;
  readonly clock: Clock;
  log(entry: RuntimeLogEntry): void;
  /**
   * Invokes a function with the runtime's full binding pipeline: extra inputs resolved by the
   * plug-ins that serve them, output bindings (e.g. Service Bus) delivered after success.
   */
  invoke(functionName: string, input: InvocationInput): Promise<InvocationOutcome>;
}

/**
 * A part of the local runtime that serves some trigger types and/or input binding types,
 * e.g. the Durable engine serves orchestration/activity/entity triggers and the durableClient input.
 */
export interface RuntimePlugin {
  readonly name: string;
  readonly triggerTypes: readonly string[];
  readonly inputBindingTypes: readonly string[];
  start(context: PluginContext): Promise<void>;
  /** The binding data of an extra input of one of `inputBindingTypes`, for one invocation. */
  resolveInput(binding: RpcBindingInfo, fn: FunctionDescriptor): RpcTypedData;
  /** Lines for the start-up banner, e.g. the Durable HTTP API's base URL. */
  describe(): readonly string[];
  /** Lets in-flight work finish, then releases ports and timers. */
  stop(): Promise<void>;
}
