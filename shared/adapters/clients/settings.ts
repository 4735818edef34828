/** App settings as the Functions host exposes them: environment variables. */
export type Settings = Readonly<Record<string, string | undefined>>;

/**
 * A connection is either a connection string in `<name>` or, identity-based, a service address in
 * `<name>__<suffix>` (the Functions convention for managed identity, e.g. `__fullyQualifiedNamespace`).
 */
export type ConnectionSetting =
  | { readonly kind: 'connectionString'; readonly value: string }
  | { readonly kind: 'identity'; readonly address: string };

export function readConnection(settings: Settings, name: string, identitySuffix: string): ConnectionSetting {
  const connectionString = settings[name];
  if (connectionString) return { kind: 'connectionString', value: connectionString };
  const address = settings[`${name}__${identitySuffix}`];
  if (address) return { kind: 'identity', address };
  throw new Error(`Missing app setting: set "${name}" (connection string) or "${name}__${identitySuffix}".`);
}
