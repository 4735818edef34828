import { z } from 'zod';
import { PhoneE164 } from '../common/contact';

/**
 * Who SMS come from, chosen per country (docs/DEPLOY.md, "SMS per country"):
 * - a number bought in Communication Services (E.164): two-way, customers can reply;
 * - an alphanumeric sender ID where ACS allows one: one-way, replies cannot reach us;
 * - `none`: no SMS at all, customers are contacted by email.
 * https://learn.microsoft.com/azure/communication-services/concepts/sms/sender-types
 */
export const smsSenderSetting = 'AcsSmsFrom';

const alphanumericSenderId = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;

const senderChoices =
  'must be an E.164 number (two-way), an alphanumeric sender ID of 1–11 letters, digits or spaces with one letter at least (one-way), or "none" (email only)';

export const SmsSender = z.string().transform((value, ctx): SmsSenderConfig => {
  if (PhoneE164.safeParse(value).success) return { from: value, replies: true };
  if (value === 'none') return { replies: false };
  if (alphanumericSenderId.test(value)) return { from: value, replies: false };
  ctx.addIssue({ code: 'custom', message: senderChoices });
  return z.NEVER;
});

/** The parsed sender: `from` absent means SMS is off; `replies` is false for a one-way sender. */
export type SmsSenderConfig = { readonly from?: string; readonly replies: boolean };
