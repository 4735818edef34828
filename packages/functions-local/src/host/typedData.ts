import type { RpcTypedData } from './coreTypes';

/** Encodes a value the way the host hands binding data to the Node worker. */
export function toTypedData(value: unknown): RpcTypedData {
  if (value === undefined || value === null) return {};
  if (typeof value === 'string') return { string: value };
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { bytes: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { int: value } : { double: value };
  return { json: JSON.stringify(value) };
}

/** Decodes what the worker hands back (return values, output bindings). */
export function fromTypedData(data: RpcTypedData | null | undefined): unknown {
  if (!data) return undefined;
  if (data.json !== undefined && data.json !== null) return JSON.parse(data.json);
  if (data.string !== undefined && data.string !== null) return data.string;
  if (data.bytes) return Buffer.from(data.bytes);
  if (data.stream) return Buffer.from(data.stream);
  if (data.int !== undefined && data.int !== null) return data.int;
  if (data.double !== undefined && data.double !== null) return data.double;
  if (data.http) return data.http;
  return undefined;
}
