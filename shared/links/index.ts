export * from './linkIssuer';
export * from './linkToken';
