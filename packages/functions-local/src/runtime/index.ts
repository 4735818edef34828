export { createLocalRuntime, type LocalRuntime } from './runtime';
export type { LocalRuntimeOptions } from './options';
export type { FunctionSummary } from './banner';
export type { FunctionInError } from './functionsInError';
export type { FunctionKeys } from './authKeys';
export { keySettingNames } from './authKeys';
export type { EmbeddedPartName, StartedPart } from './embeddedParts';
export type { MountedHandler } from './httpHost';
export { readHostConfig, type HostConfig } from './hostConfig';
