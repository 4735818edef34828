import type { Channel, EmailAddress, PhoneE164 } from '../common/contact';

export interface ContactPoints {
  readonly phone?: PhoneE164 | undefined;
  readonly email?: EmailAddress | undefined;
  readonly preferredChannel?: Channel | undefined;
  readonly smsOptedOut?: boolean | undefined;
}

/**
 * The channel to reach a customer on now, or undefined when there is none. The stated
 * preference wins when it is usable; otherwise SMS (read sooner) before email. An SMS opt-out
 * makes the phone unusable for texts.
 */
export function preferredChannelOf(contact: ContactPoints): Channel | undefined {
  const usable: Record<Channel, boolean> = {
    sms: contact.phone !== undefined && contact.smsOptedOut !== true,
    email: contact.email !== undefined,
  };
  if (contact.preferredChannel !== undefined && usable[contact.preferredChannel])
    return contact.preferredChannel;
  if (usable.sms) return 'sms';
  if (usable.email) return 'email';
  return undefined;
}
