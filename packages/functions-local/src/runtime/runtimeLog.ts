import type { Clock } from '../clock';
import type { HostLogger, RuntimeLogEntry } from '../host';
import { createLogger, type Logger } from '../log';

/** The runtime's own structured log: one JSON line per event, personal data masked. */
export type RuntimeLog = Logger;

export function createRuntimeLog(write: (line: string) => void, clock: Clock): RuntimeLog {
  return createLogger({ write, now: () => new Date(clock.now()), minLevel: 'debug' });
}

/** A plug-in's log entry, written to the runtime log under the plug-in's name. */
export function logPluginEntry(log: RuntimeLog, plugin: string, entry: RuntimeLogEntry): void {
  const { level, message, ...fields } = entry;
  log[level](message, { ...fields, part: plugin });
}

const levelOf = (level: Parameters<HostLogger>[0]['level']): RuntimeLogEntry['level'] | undefined => {
  switch (level) {
    case 'trace':
    case 'debug':
      return 'debug';
    case 'information':
      return 'info';
    case 'warning':
      return 'warn';
    case 'error':
    case 'critical':
      return 'error';
    case 'none':
      return undefined;
    default: {
      const unknownLevel: never = level;
      throw new Error(`unknown log level ${String(unknownLevel)}`);
    }
  }
};

function jsonObject(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Function logs (`context.log`, …) as runtime log lines. The app writes its own JSON lines through
 * `context.log`; those are passed through with the invocation fields added rather than nested.
 */
export function functionLogger(log: RuntimeLog): HostLogger {
  return (entry) => {
    const level = levelOf(entry.level);
    if (!level) return;
    const fields = {
      functionName: entry.functionName,
      invocationId: entry.invocationId,
      category: entry.category,
    };
    const structured = jsonObject(entry.message);
    const { message, level: _appLevel, timestamp: _appTimestamp, ...appFields } = structured ?? {};
    if (structured && typeof message === 'string') log[level](message, { ...appFields, ...fields });
    else log[level](entry.message, fields);
  };
}
