import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { keySettingNames } from './authKeys';

const KeyFile = z.object({
  functionKey: z.string().min(1),
  masterKey: z.string().min(1),
  linkSigningKeys: z.string().min(1),
  sessionKey: z.string().min(1),
});
type KeyFile = z.infer<typeof KeyFile>;

const randomKey = (): string => randomBytes(32).toString('base64url');

/**
 * The secrets a run makes up when the settings name none — function and master keys, the link
 * signing key, the sign-in session key — kept in the state directory, so links in sent messages,
 * sign-in cookies and keys in scripts keep working after a restart. Settings still win.
 */
export function keptKeys(
  directory: string,
  settings: Record<string, string>,
  linkSigningSetting: string,
): { readonly sessionKey: Buffer } {
  const path = join(directory, 'keys.json');
  let kept: KeyFile | undefined;
  if (existsSync(path)) {
    const parsed = KeyFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) throw new Error(`${path} is not a keys file; delete it or start with --fresh`);
    kept = parsed.data;
  }
  const keys: KeyFile = kept ?? {
    functionKey: randomKey(),
    masterKey: randomKey(),
    linkSigningKeys: JSON.stringify([{ kid: 'local', secret: randomBytes(32).toString('base64url') }]),
    sessionKey: randomBytes(32).toString('base64'),
  };
  if (!kept) {
    writeFileSync(`${path}.tmp`, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  }
  settings[keySettingNames.function] ??= keys.functionKey;
  settings[keySettingNames.master] ??= keys.masterKey;
  settings[linkSigningSetting] ??= keys.linkSigningKeys;
  return { sessionKey: Buffer.from(keys.sessionKey, 'base64') };
}
