/**
 * The slice of the worker's `@azure/functions-core` contract that `@azure/functions` 4.x calls.
 * The worker does not publish these types as a package, so they are declared here from the
 * library's own usage (see node_modules/@azure/functions/src: app.ts, InvocationModel.ts, hooks/).
 */

export interface RpcNullableString {
  readonly value?: string | null;
}

export interface RpcHttpData {
  method?: string | null;
  url?: string | null;
  headers?: Record<string, string> | null;
  nullableHeaders?: Record<string, RpcNullableString> | null;
  body?: RpcTypedData | null;
  params?: Record<string, string> | null;
  nullableParams?: Record<string, RpcNullableString> | null;
  query?: Record<string, string> | null;
  nullableQuery?: Record<string, RpcNullableString> | null;
  statusCode?: string | null;
  cookies?: unknown[] | null;
  enableContentNegotiation?: boolean | null;
  identities?: unknown[] | null;
}

export interface RpcTypedData {
  string?: string | null;
  json?: string | null;
  bytes?: Uint8Array | null;
  stream?: Uint8Array | null;
  http?: RpcHttpData | null;
  int?: number | null;
  double?: number | null;
}

export interface RpcBindingInfo {
  readonly type?: string | null;
  readonly direction?: 'in' | 'out' | 'inout' | null;
  readonly dataType?: string | null;
  readonly properties?: Record<string, string> | null;
  readonly [setting: string]: unknown;
}

export interface RpcRetryOptions {
  readonly maxRetryCount?: number | null;
  readonly retryStrategy?: string | null;
  readonly [setting: string]: unknown;
}

export interface FunctionMetadata {
  readonly name: string;
  readonly bindings: Record<string, RpcBindingInfo>;
  readonly retryOptions?: RpcRetryOptions;
}

export type FunctionCallback = (...args: unknown[]) => unknown;

export interface RpcParameterBinding {
  readonly name: string;
  readonly data: RpcTypedData;
}

export interface RpcInvocationRequest {
  readonly invocationId: string;
  readonly functionId: string;
  readonly inputData: readonly RpcParameterBinding[];
  readonly triggerMetadata: Record<string, RpcTypedData>;
  readonly retryContext?: { retryCount: number; maxRetryCount: number } | null;
  readonly traceContext?: {
    traceParent?: string;
    traceState?: string;
    attributes?: Record<string, string>;
  } | null;
}

export interface RpcInvocationResponse {
  readonly invocationId: string;
  outputData?: { name: string; data: RpcTypedData | null | undefined }[];
  returnValue?: RpcTypedData | null;
}

export type RpcLogLevel = 'trace' | 'debug' | 'information' | 'warning' | 'error' | 'critical' | 'none';
export type RpcLogCategory = 'user' | 'system' | 'customMetric';

export interface CoreInvocationContext {
  readonly invocationId: string;
  readonly request: RpcInvocationRequest;
  readonly metadata: FunctionMetadata;
  state?: 'preInvocationHooks' | 'postInvocationHooks' | 'invocation';
  log(level: RpcLogLevel, category: RpcLogCategory, message: string): void;
}

export interface InvocationArguments {
  context: unknown;
  inputs: unknown[];
}

export interface InvocationModel {
  getArguments(): Promise<InvocationArguments>;
  invokeFunction(context: unknown, inputs: unknown[], handler: FunctionCallback): Promise<unknown>;
  getResponse(context: unknown, result: unknown): Promise<RpcInvocationResponse>;
}

export interface ProgrammingModel {
  readonly name: string;
  readonly version: string;
  getInvocationModel(coreCtx: CoreInvocationContext): InvocationModel;
  getCapabilities(capabilities: Record<string, string>): Promise<Record<string, string>>;
}

export type HookName = 'preInvocation' | 'postInvocation' | 'appStart' | 'appTerminate' | 'log';
export type HookCallback = (context: Record<string, unknown>) => unknown;

export interface Disposable {
  dispose(): void;
}
