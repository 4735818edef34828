export type * from './coreTypes';
export { loadFunctionApp } from './functionApp';
export { appEntryPoints } from './entryPoints';
export type {
  FunctionApp,
  FunctionDescriptor,
  HostLogger,
  InvocationInput,
  InvocationOutcome,
} from './functionApp';
export { fromTypedData, toTypedData } from './typedData';
export type { PluginContext, RuntimeLogEntry, RuntimePlugin } from './plugin';
