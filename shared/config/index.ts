export * from './appConfig';
export * from './loadConfig';
export * from './settingNames';
export * from './connectionString';
export * from './smsSender';
export * from './readiness';
