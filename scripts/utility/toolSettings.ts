import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a running local runtime (`npm start`) writes the settings of its embedded parts. */
export const runtimeSettingsFile = join(process.cwd(), '.local', 'runtime-settings.json');

const valuesOf = (file: string, pick: (json: unknown) => unknown): Record<string, string> => {
  if (!existsSync(file)) return {};
  const values = pick(JSON.parse(readFileSync(file, 'utf8')));
  return typeof values === 'object' && values !== null ? (values as Record<string, string>) : {};
};

/**
 * Settings for the command-line tools: the environment first (a real namespace), then a running
 * local runtime's embedded parts, then `local.settings.json`.
 */
export function toolSettings(): Record<string, string | undefined> {
  return {
    ...valuesOf(join(process.cwd(), 'local.settings.json'), (json) => (json as { Values?: unknown }).Values),
    ...valuesOf(runtimeSettingsFile, (json) => json),
    ...process.env,
  };
}
