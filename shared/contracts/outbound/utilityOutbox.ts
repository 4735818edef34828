import type { OutboundServiceBusMessage } from './serviceBusMessage';

/** The utility-outbound queue: intake's answers and the journey's news both go out through it. */
export interface UtilityOutbox {
  publish(message: OutboundServiceBusMessage): Promise<void>;
}
