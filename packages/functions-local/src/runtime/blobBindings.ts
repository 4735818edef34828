import { BlobServiceClient, RestError } from '@azure/storage-blob';
import type { RpcBindingInfo, RpcTypedData } from '../host';
import { err, ok, type Result } from '../result';
import { resolveBindingExpression, type BindingData } from './bindingExpressions';
import { resolveSettingExpression, type SettingsMap } from './settings';

/** The host's default when a blob binding names no connection. */
export const defaultStorageConnection = 'AzureWebJobsStorage';

const connectionName = (binding: RpcBindingInfo): string =>
  typeof binding['connection'] === 'string' && binding['connection'] !== ''
    ? binding['connection']
    : defaultStorageConnection;

/** The problem with a blob binding's connection or path, or undefined when it can be served. */
export function blobBindingProblem(binding: RpcBindingInfo, settings: SettingsMap): string | undefined {
  const path = binding['path'];
  if (typeof path !== 'string' || !path.includes('/')) return 'needs a path of the form <container>/<blob>';
  const resolved = resolveSettingExpression(path, settings);
  if (!resolved.ok) return resolved.error;
  const name = connectionName(binding);
  if (settings[name]) return undefined;
  if (
    settings[`${name}__blobServiceUri`] ||
    settings[`${name}__serviceUri`] ||
    settings[`${name}__accountName`]
  )
    return `connection "${name}" is identity-based, which the local runtime's blob bindings do not support: set "${name}" to a connection string`;
  return `connection "${name}" is not configured: set "${name}"`;
}

/** `<container>/<blob path>` after `%Setting%` and `{name}` expressions. */
function blobLocation(
  binding: RpcBindingInfo,
  settings: SettingsMap,
  data: BindingData,
): Result<{ container: string; blob: string }, string> {
  const withSettings = resolveSettingExpression(String(binding['path']), settings);
  if (!withSettings.ok) return withSettings;
  const path = resolveBindingExpression(withSettings.value, data);
  if (!path.ok) return path;
  const slash = path.value.indexOf('/');
  const container = path.value.slice(0, slash);
  const blob = path.value.slice(slash + 1);
  if (container === '' || blob === '')
    return err(`the blob path '${path.value}' names no container or no blob`);
  return ok({ container, blob });
}

const asBytes = (data: RpcTypedData): Buffer | undefined => {
  if (data.bytes) return Buffer.from(data.bytes);
  if (data.stream) return Buffer.from(data.stream);
  if (data.string !== undefined && data.string !== null) return Buffer.from(data.string, 'utf8');
  if (data.json !== undefined && data.json !== null) return Buffer.from(data.json, 'utf8');
  if (data.int !== undefined && data.int !== null) return Buffer.from(String(data.int), 'utf8');
  if (data.double !== undefined && data.double !== null) return Buffer.from(String(data.double), 'utf8');
  return undefined;
};

/**
 * `input.storageBlob` and `output.storageBlob` against the configured storage account (Azurite when
 * the runtime embeds it), one client per connection setting.
 */
export class BlobBindings {
  readonly #settings: SettingsMap;
  readonly #clients = new Map<string, BlobServiceClient>();

  constructor(settings: SettingsMap) {
    this.#settings = settings;
  }

  #client(binding: RpcBindingInfo): BlobServiceClient {
    const name = connectionName(binding);
    let client = this.#clients.get(name);
    if (!client) {
      const connectionString = this.#settings[name];
      if (!connectionString) throw new Error(`connection "${name}" is not configured`);
      client = BlobServiceClient.fromConnectionString(connectionString);
      this.#clients.set(name, client);
    }
    return client;
  }

  /**
   * The blob's content as the input binding hands it over: bytes, or text with `dataType: 'string'`;
   * no data (the function sees null) when the blob does not exist, as the extension binds a missing blob.
   */
  async read(binding: RpcBindingInfo, data: BindingData): Promise<RpcTypedData> {
    const location = blobLocation(binding, this.#settings, data);
    if (!location.ok) throw new Error(location.error);
    const blob = this.#client(binding)
      .getContainerClient(location.value.container)
      .getBlobClient(location.value.blob);
    let content: Buffer;
    try {
      content = await blob.downloadToBuffer();
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return {};
      throw error;
    }
    return binding['dataType'] === 'string' ? { string: content.toString('utf8') } : { bytes: content };
  }

  /**
   * Writes the function's output value as a block blob (text and JSON as UTF-8), creating the
   * container when it is missing, as the extension's output binding does.
   */
  async write(binding: RpcBindingInfo, data: BindingData, value: RpcTypedData): Promise<void> {
    const bytes = asBytes(value);
    if (bytes === undefined) return;
    const location = blobLocation(binding, this.#settings, data);
    if (!location.ok) throw new Error(location.error);
    const container = this.#client(binding).getContainerClient(location.value.container);
    await container.createIfNotExists();
    const contentType = value.json !== undefined && value.json !== null ? 'application/json' : undefined;
    await container.getBlockBlobClient(location.value.blob).uploadData(bytes, {
      ...(contentType ? { blobHTTPHeaders: { blobContentType: contentType } } : {}),
    });
  }
}
