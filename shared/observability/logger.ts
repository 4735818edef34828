import { appClock } from '../clock';
import { isPersonalDataKey, maskPersonalText } from './personalData';
import { redactSecretsInText } from './urlRedaction';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogValue = string | number | boolean | null | undefined;

/** Correlation first: every line about a work order or request can be found by these. */
export interface LogFields {
  readonly workOrderId?: string;
  readonly correlationId?: string;
  readonly caseId?: string;
  readonly [key: string]: unknown;
}

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line, e.g. the work order an activity handles. */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  /** Where each JSON line goes: `context.log` in a function, an array in a test. */
  readonly write: (line: string) => void;
  readonly now?: () => Date;
  readonly minLevel?: LogLevel;
}

const levelRank: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };

export const redacted = '[redacted]';

/** Personal data masked and secrets (link tokens, keys in URLs) redacted, in any text logged. */
const safeText = (text: string): string => redactSecretsInText(maskPersonalText(text));

const describeError = (error: Error): Record<string, string> => ({
  name: error.name,
  message: safeText(error.message),
  ...(error.stack === undefined ? {} : { stack: safeText(error.stack) }),
});

/**
 * Only flat values are logged: objects and arrays could carry personal data under any key, so
 * they are dropped to a marker; errors keep name, message and stack with contact details masked
 * and secrets redacted.
 */
function safeValue(key: string, value: unknown): unknown {
  if (isPersonalDataKey(key)) return redacted;
  if (value instanceof Error) return describeError(value);
  if (typeof value === 'string') return safeText(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  return `[${typeof value}]`;
}

function safeFields(fields: LogFields): Record<string, unknown> {
  const safe: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) safe[key] = safeValue(key, value);
  }
  return safe;
}

/** Structured JSON logs with personal data removed by key and masked in text. */
export function createLogger(options: LoggerOptions, base: LogFields = {}): Logger {
  const now = options.now ?? (() => appClock().now());
  const minRank = levelRank[options.minLevel ?? 'info'];
  const emit = (level: LogLevel, message: string, fields: LogFields = {}): void => {
    if (levelRank[level] < minRank) return;
    const line = {
      ...safeFields({ ...base, ...fields }),
      timestamp: now().toISOString(),
      level,
      message: safeText(message),
    };
    options.write(JSON.stringify(line));
  };
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    child: (fields) => createLogger(options, { ...base, ...fields }),
  };
}
