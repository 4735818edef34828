export * from './eventGridEvent';
export * from './parseEventGridDelivery';
