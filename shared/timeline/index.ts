export * from './timelineEvent';
export * from './timelineDocument';
