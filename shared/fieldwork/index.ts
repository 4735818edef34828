export * from './statusUpdate';
export * from './decideStatusUpdate';
export * from './followUp';
export * from './deviceTime';
export * from './photoEvidence';
export * from './checklists';
