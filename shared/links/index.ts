export * from './linkIssuer';
export * from './linkPurposes';
export * from './linkToken';
export * from './revocation';
