import { randomUUID } from 'node:crypto';
import { fromTypedData, type InvocationInput, type RpcTypedData } from '../host';
import { err, ok, type Result } from '../result';

/** Binding data by name (matched ignoring case), as text: what `{name}` in a binding path resolves to. */
export type BindingData = ReadonlyMap<string, string>;

const asText = (value: unknown): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
};

function addObject(data: Map<string, string>, value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Buffer.isBuffer(value)) return;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const text = asText(item);
    if (text !== undefined && !data.has(key.toLowerCase())) data.set(key.toLowerCase(), text);
  }
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

function payloadObject(trigger: RpcTypedData): unknown {
  if (trigger.json) return parseJson(trigger.json);
  if (trigger.string) return parseJson(trigger.string);
  if (trigger.bytes) return parseJson(Buffer.from(trigger.bytes).toString('utf8'));
  return undefined;
}

/**
 * The names a binding expression can use for one invocation
 * (https://learn.microsoft.com/azure/azure-functions/functions-bindings-expressions-patterns):
 * the trigger's metadata (Service Bus `MessageId`, a plug-in's `QueueTrigger`…), for HTTP triggers
 * the route parameters and query string, and the top-level properties of a JSON payload.
 */
export function bindingData(input: InvocationInput): BindingData {
  const data = new Map<string, string>();
  for (const [name, value] of Object.entries(input.triggerMetadata ?? {})) {
    const text = asText(fromTypedData(value));
    if (text !== undefined) data.set(name.toLowerCase(), text);
  }
  const http = input.trigger.http;
  if (http) {
    addObject(data, http.params);
    if (http.url)
      for (const [key, value] of new URL(http.url).searchParams) data.set(key.toLowerCase(), value);
    if (http.body) addObject(data, payloadObject(http.body));
  } else {
    addObject(data, payloadObject(input.trigger));
  }
  return data;
}

const builtIns: Readonly<Record<string, () => string>> = {
  'rand-guid': () => randomUUID(),
  'sys.randguid': () => randomUUID(),
  datetime: () => new Date().toISOString(),
  'sys.utcnow': () => new Date().toISOString(),
};

/**
 * `{name}` replaced from the binding data; an unknown name fails the invocation, as the host's
 * "No value for named parameter" does. `{{` and `}}` stand for braces.
 */
export function resolveBindingExpression(template: string, data: BindingData): Result<string, string> {
  let missing: string | undefined;
  const resolved = template.replace(/\{\{|\}\}|\{([^{}]+)\}/g, (match, name: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    const key = (name ?? '').trim().toLowerCase();
    const builtIn = builtIns[key];
    if (builtIn) return builtIn();
    const value = data.get(key);
    if (value === undefined) {
      missing ??= name;
      return match;
    }
    return value;
  });
  return missing === undefined
    ? ok(resolved)
    : err(`No value for named parameter '${missing}' in '${template}'`);
}
