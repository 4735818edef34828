import type { Language } from '../common/contact';

/**
 * Lists a work order's next free slots in an SMS and remembers them, so that a digit in the reply
 * books one. The journey's invitation asks it for the sentence to append.
 */
export interface SmsSlotOfferer {
  /** "Reply 1 for …, 2 for …." in the customer's language, or undefined when nothing is free. */
  offerFor(workOrderId: string, language: Language): Promise<string | undefined>;
}
