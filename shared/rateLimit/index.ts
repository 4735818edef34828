export * from './clientAddress';
export * from './fixedWindowLimiter';
