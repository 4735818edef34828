import { z } from 'zod';

/** E.164: a plus, a non-zero country digit and at most 15 digits in all. ACS sends to nothing else. */
export const PhoneE164 = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number, e.g. +32470123456')
  .meta({ description: 'Phone number in E.164 form, e.g. +32470123456' });
export type PhoneE164 = z.infer<typeof PhoneE164>;

export const EmailAddress = z.email('must be an email address').max(254);
export type EmailAddress = z.infer<typeof EmailAddress>;

export const Channel = z.enum(['sms', 'email']);
export type Channel = z.infer<typeof Channel>;

export const Language = z.enum(['nl', 'fr', 'en']);
export type Language = z.infer<typeof Language>;
