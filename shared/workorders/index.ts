export * from './workOrder';
export * from './workOrderId';
export * from './workOrderState';
export * from './workOrderCommand';
export * from './workOrderMachine';
export * from './incompleteReason';
export * from './visitReport';
export * from './defaultDuration';
