export * from './contact';
export * from './geo';
export * from './identifiers';
export * from './time';
