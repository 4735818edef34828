export * from './kpiFact';
export * from './kpiDay';
export * from './kpiRange';
export * from './kpiReport';
export * from './durationSketch';
export * from './recordKpiFact';
export * from './factsFrom';
export * from './kpiSeries';
