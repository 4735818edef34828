export * from './currentWorkOrder';
export * from './decideReply';
export * from './inboundSms';
export * from './interpretReply';
export * from './replyTexts';
export * from './slotOfferer';
export * from './smsOffer';
