export * from './answers';
export * from './cancelTombstone';
export * from './decideIntake';
export * from './inboundDelivery';
export * from './intakePorts';
export * from './processInbound';
