export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogFields {
  readonly [key: string]: unknown;
}

/** The runtime's structured log: one JSON line per event. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  readonly write: (line: string) => void;
  readonly now?: () => Date;
  readonly minLevel?: LogLevel;
}

const levelRank: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };

/**
 * Only flat values are written: objects could carry message bodies (personal data of the hosted
 * app) under any key, so they become a marker; errors keep name, message and stack.
 */
function flatValue(value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, ...(value.stack ? { stack: value.stack } : {}) };
  }
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value === null
  ) {
    return value;
  }
  return `[${typeof value}]`;
}

export function createLogger(options: LoggerOptions, base: LogFields = {}): Logger {
  const now = options.now ?? (() => new Date());
  const minRank = levelRank[options.minLevel ?? 'info'];
  const emit = (level: LogLevel, message: string, fields: LogFields = {}): void => {
    if (levelRank[level] < minRank) return;
    const line: Record<string, unknown> = {};
    for (const [key, value] of Object.entries({ ...base, ...fields })) {
      if (value !== undefined) line[key] = flatValue(value);
    }
    options.write(JSON.stringify({ ...line, timestamp: now().toISOString(), level, message }));
  };
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    child: (fields) => createLogger(options, { ...base, ...fields }),
  };
}
