export * from './case';
export * from './caseNumber';
export * from './caseState';
export * from './caseCommand';
export * from './caseMachine';
