/** `Key=value;Key=value` as Azure connection strings are written; keys compared case-insensitively. */
export function connectionStringParts(value: string): ReadonlyMap<string, string> {
  const parts = new Map<string, string>();
  for (const part of value.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) parts.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  return parts;
}

const isUrl = (value: string | undefined): boolean => {
  if (value === undefined) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
};

/**
 * The problem with a connection string for each service, or undefined when it is usable. Checks
 * shape only, never echoing the value: connection strings carry keys.
 */
export const connectionStringProblems = {
  storage: (value: string): string | undefined => {
    const parts = connectionStringParts(value);
    if (parts.get('usedevelopmentstorage') === 'true') return undefined;
    if (parts.has('accountname') && parts.has('accountkey')) return undefined;
    if (isUrl(parts.get('blobendpoint')) && parts.has('sharedaccesssignature')) return undefined;
    return 'must be a storage connection string (AccountName=…;AccountKey=… or UseDevelopmentStorage=true)';
  },
  serviceBus: (value: string): string | undefined => {
    const parts = connectionStringParts(value);
    const endpoint = parts.get('endpoint');
    const hasKey = parts.has('sharedaccesskeyname') && parts.has('sharedaccesskey');
    if (endpoint?.startsWith('sb://') && (hasKey || parts.has('sharedaccesssignature'))) return undefined;
    return 'must be a Service Bus connection string (Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…)';
  },
  cosmos: (value: string): string | undefined => {
    const parts = connectionStringParts(value);
    if (isUrl(parts.get('accountendpoint')) && parts.get('accountkey')) return undefined;
    return 'must be a Cosmos DB connection string (AccountEndpoint=…;AccountKey=…;)';
  },
  communication: (value: string): string | undefined => {
    const parts = connectionStringParts(value);
    if (isUrl(parts.get('endpoint')) && parts.get('accesskey')) return undefined;
    return 'must be a Communication Services connection string (endpoint=…;accesskey=…)';
  },
} as const;
