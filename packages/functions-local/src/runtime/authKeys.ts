import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuthLevel } from './httpRoutes';

export interface FunctionKeys {
  /** Opens `function`-level routes (the host's default function key). */
  readonly function: string;
  /** Opens every route, `admin` ones included (the host's master key). */
  readonly master: string;
}

export const keySettingNames = {
  function: 'FUNCTIONS_LOCAL_KEY',
  master: 'FUNCTIONS_LOCAL_MASTER_KEY',
} as const;

const generatedKey = (): string => randomBytes(24).toString('base64url');

/** Keys from the settings, else fresh ones for this run (printed in the banner). */
export function functionKeys(settings: Readonly<Record<string, string | undefined>>): FunctionKeys {
  return {
    function: settings[keySettingNames.function] || generatedKey(),
    master: settings[keySettingNames.master] || generatedKey(),
  };
}

const same = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Whether a request presenting `presentedKey` (x-functions-key header or `code` query) may call the route. */
export function isAuthorized(
  level: AuthLevel,
  keys: FunctionKeys,
  presentedKey: string | undefined,
): boolean {
  switch (level) {
    case 'anonymous':
      return true;
    case 'function':
      return (
        presentedKey !== undefined && (same(presentedKey, keys.function) || same(presentedKey, keys.master))
      );
    case 'admin':
      return presentedKey !== undefined && same(presentedKey, keys.master);
    default: {
      const unknownLevel: never = level;
      throw new Error(`unknown auth level ${String(unknownLevel)}`);
    }
  }
}
