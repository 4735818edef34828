export * from './logger';
export * from './personalData';
