export * from './kpiFact';
export * from './kpiDay';
export * from './kpiRange';
export * from './kpiReport';
export * from './resolutionHistogram';
export * from './recordKpiFact';
export * from './factsFrom';
