export * from './logger';
export * from './personalData';
export * from './urlRedaction';
