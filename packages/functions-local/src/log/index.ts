export { createLogger, type Logger, type LogFields, type LogLevel } from './logger';
