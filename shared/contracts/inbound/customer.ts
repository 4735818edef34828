import { z } from 'zod';
import { Channel, EmailAddress, Language, PhoneE164 } from '../../common/contact';

/**
 * The person to contact. Phone-only and email-only customers are both normal, so each contact
 * point is optional but one is required. A stated preferred channel must be one the customer can
 * be reached on: "sms" without a phone is a utility data error and is rejected, not silently
 * switched, so the utility learns about it. Without a preference we use SMS when there is a phone
 * (see `preferredChannelOf`).
 */
export const InboundCustomer = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    phone: PhoneE164.optional(),
    email: EmailAddress.optional(),
    preferredChannel: Channel.optional(),
    language: Language,
  })
  .superRefine((customer, ctx) => {
    if (customer.phone === undefined && customer.email === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['phone'],
        message: 'a phone or an email is required (at least one contact point)',
      });
    }
    if (customer.preferredChannel === 'sms' && customer.phone === undefined) {
      ctx.addIssue({ code: 'custom', path: ['preferredChannel'], message: 'sms needs customer.phone' });
    }
    if (customer.preferredChannel === 'email' && customer.email === undefined) {
      ctx.addIssue({ code: 'custom', path: ['preferredChannel'], message: 'email needs customer.email' });
    }
  })
  .meta({
    description:
      'At least one of phone and email is required; preferredChannel, when given, must have its contact point.',
  });
export type InboundCustomer = z.infer<typeof InboundCustomer>;
