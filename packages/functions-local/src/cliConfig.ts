import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EasyAuthOptions } from './auth';
import type { SmsReplyTarget } from './outbox';
import type { ConnectionSettingNames, ResourceManifest } from './resources';

/** What `npm start`'s seed step gets once the runtime is ready. */
export interface SeedContext {
  readonly url: string;
  readonly settings: Readonly<Record<string, string>>;
  readonly keys: { readonly function: string; readonly master: string };
}

/**
 * `functions-local.config.js` (or `--config <file>`): what the app tells the CLI about itself. The
 * runtime knows nothing of the app beyond this, its package.json, host.json and local.settings.json.
 */
export interface FunctionsLocalConfig {
  /** The resources the app expects, e.g. its resource manifest; the embedded parts create them. */
  readonly resources?: ResourceManifest;
  readonly connectionSettings?: ConnectionSettingNames;
  /** Settings under local.settings.json and the environment (lowest precedence). */
  readonly defaultSettings?: Readonly<Record<string, string>>;
  readonly auth?: EasyAuthOptions;
  /** Where the outbox page's reply box delivers SMS-received events. */
  readonly smsReplies?: SmsReplyTarget;
  /** Demo data, run once the runtime is ready. */
  readonly seed?: (context: SeedContext) => Promise<void>;
}

export const defaultConfigFile = 'functions-local.config.js';

/** The config module's default (or `config`) export; none when no file is named and the default is absent. */
export async function loadCliConfig(
  directory: string,
  file: string | undefined,
): Promise<FunctionsLocalConfig> {
  const path = resolve(directory, file ?? defaultConfigFile);
  if (!existsSync(path)) {
    if (file !== undefined) throw new Error(`The config file ${path} does not exist.`);
    return {};
  }
  const module = (await import(path)) as { default?: unknown; config?: unknown };
  const config = (module.config ?? module.default) as FunctionsLocalConfig | undefined;
  if (typeof config !== 'object' || config === null) {
    throw new Error(`${path} exports no config object (export const config = { … }).`);
  }
  return config;
}
