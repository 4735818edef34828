export { createLocalRuntime, type LocalRuntime } from './runtime';
export type { LocalRuntimeOptions } from './options';
export type { FunctionSummary } from './banner';
export type { FunctionKeys } from './authKeys';
export { keySettingNames } from './authKeys';
export type { EmbeddedPartName, StartedPart } from './embeddedParts';
export type { MountedHandler } from './httpHost';
export { readHostConfig, type HostConfig } from './hostConfig';
