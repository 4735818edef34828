import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { keySettingNames } from '../runtime/authKeys';

/**
 * The setting holding the `durabletask_extension` system key. The Functions host generates one per
 * app and authorizes every request to the extension's webhooks (/runtime/webhooks/durabletask/...)
 * with it or the master key; the HTTP API reference lists it as the required `systemKey` parameter
 * (https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-http-api).
 */
export const systemKeySettingName = 'FUNCTIONS_LOCAL_DURABLETASK_EXTENSION_KEY';

export interface WebhookKeys {
  readonly systemKey: string;
  /** The host's master key opens every webhook too; absent when the engine runs without a host. */
  readonly masterKey: string | undefined;
}

export function webhookKeys(
  settings: Readonly<Record<string, string | undefined>>,
  systemKey: string | undefined,
): WebhookKeys {
  return {
    systemKey: systemKey || settings[systemKeySettingName] || randomBytes(24).toString('base64url'),
    masterKey: settings[keySettingNames.master] || undefined,
  };
}

/** The key a caller presented, as the host reads it: the `code` query parameter or x-functions-key. */
export function presentedKey(url: URL, headers: IncomingHttpHeaders): string | undefined {
  const header = headers['x-functions-key'];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  return url.searchParams.get('code') ?? fromHeader ?? undefined;
}

const same = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

export function isWebhookAuthorized(keys: WebhookKeys, presented: string | undefined): boolean {
  if (presented === undefined || presented === '') return false;
  return same(presented, keys.systemKey) || (keys.masterKey !== undefined && same(presented, keys.masterKey));
}
