export * from './statusUpdate';
export * from './decideStatusUpdate';
export * from './followUp';
