export * from './eventGridEvent';
export * from './parseEventGridDelivery';
export * from './eventData';
