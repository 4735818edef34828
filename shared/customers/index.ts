export * from './customer';
export * from './contactIndex';
export * from './preferredChannel';
