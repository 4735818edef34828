export * from './contact';
export * from './geo';
export * from './identifiers';
export * from './time';
export * from './versioned';
