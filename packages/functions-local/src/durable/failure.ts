import type { FailureDetailsPayload } from './historyEvent';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An activity's thrown error as the host reports it to the orchestrator. When the app registered an
 * `ExceptionPropertiesProvider`, `durable-functions` has already replaced the message with the
 * structured payload (errorType, errorMessage, properties); that payload is honoured as the host does.
 */
export function failureFromError(error: unknown): FailureDetailsPayload {
  const asError = error instanceof Error ? error : undefined;
  const message = asError ? asError.message : String(error);
  const structured = parseStructured(message);
  if (structured) return structured;
  return {
    ErrorType: asError?.name ?? 'Error',
    ErrorMessage: message,
    ...(asError?.stack ? { StackTrace: asError.stack } : {}),
    IsNonRetriable: false,
  };
}

function parseStructured(message: string): FailureDetailsPayload | undefined {
  if (!message.startsWith('{')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (
    !isRecord(parsed) ||
    typeof parsed['errorType'] !== 'string' ||
    typeof parsed['errorMessage'] !== 'string'
  ) {
    return undefined;
  }
  const properties = parsed['properties'];
  const stack = parsed['stackTrace'];
  return {
    ErrorType: parsed['errorType'],
    ErrorMessage: parsed['errorMessage'],
    ...(typeof stack === 'string' ? { StackTrace: stack } : {}),
    IsNonRetriable: parsed['isNonRetriable'] === true,
    ...(isRecord(properties) ? { Properties: properties } : {}),
  };
}

/** The legacy `Reason` text the host puts next to `FailureDetails` for older libraries. */
export const failureReason = (
  kind: 'Activity' | 'Orchestrator',
  name: string,
  failure: FailureDetailsPayload,
): string => `${kind} function '${name}' failed: ${failure.ErrorMessage}`;
