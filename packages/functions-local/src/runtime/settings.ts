import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { err, ok, type Result } from '../result';

export type SettingsMap = Readonly<Record<string, string | undefined>>;

const LocalSettingsFile = z.object({
  IsEncrypted: z.boolean().optional(),
  Values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

/** `Values` of local.settings.json in `directory`, {} when there is no such file. */
export function readLocalSettings(directory: string): Result<Record<string, string>, string> {
  const path = join(directory, 'local.settings.json');
  if (!existsSync(path)) return ok({});
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return err(`${path} is not valid JSON`);
  }
  const parsed = LocalSettingsFile.safeParse(raw);
  if (!parsed.success) return err(`${path}: "Values" must map setting names to strings`);
  if (parsed.data.IsEncrypted) return err(`${path}: encrypted settings are not supported`);
  return ok(Object.fromEntries(Object.entries(parsed.data.Values ?? {}).map(([k, v]) => [k, String(v)])));
}

/**
 * The settings the app sees, lowest precedence first: local.settings.json, then the process
 * environment (as `func start` does: an exported variable wins over the file), then the options.
 */
export function mergeSettings(...layers: readonly SettingsMap[]): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const layer of layers) {
    for (const [name, value] of Object.entries(layer)) {
      if (value !== undefined) merged[name] = value;
    }
  }
  return merged;
}

/** Resolves binding expressions like `%InboundQueue%` from app settings, as the host does. */
export function resolveSettingExpression(value: string, settings: SettingsMap): Result<string, string> {
  const missing: string[] = [];
  const resolved = value.replace(/%([^%]+)%/g, (_whole, name: string) => {
    const setting = settings[name];
    if (setting === undefined) missing.push(name);
    return setting ?? '';
  });
  return missing.length > 0 ? err(`app setting "${missing.join('", "')}" is not set`) : ok(resolved);
}

/**
 * Puts the runtime's settings into `process.env` (the app reads its configuration there, as in
 * Azure) and returns how to put back what was there before.
 */
export function applyToEnvironment(settings: SettingsMap): () => void {
  const previous = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined || process.env[name] === value) continue;
    previous.set(name, process.env[name]);
    process.env[name] = value;
  }
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
