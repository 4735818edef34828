import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Channel } from '../common/contact';
import { EntityId } from '../common/identifiers';
import { IsoInstant } from '../common/time';

/**
 * Finds customers by phone or email with a point read: an SMS reply arrives with only the sender's
 * number. Lives in the `customers` container next to the customers it points to. Its id is a
 * digest of the normalised contact point so raw phone numbers and addresses never appear in ids,
 * URLs or logs; the digest is unsalted, so it is a lookup key, not a secret.
 */
export const ContactIndex = z.object({
  id: EntityId,
  docType: z.literal('contactIndex'),
  channel: z.enum(['sms', 'email']),
  customerIds: z.array(EntityId),
  updatedAt: IsoInstant,
});
export type ContactIndex = z.infer<typeof ContactIndex>;

const normalise = (channel: Channel, value: string): string =>
  channel === 'email' ? value.trim().toLowerCase() : value.replace(/[\s().-]/g, '');

export const contactIndexIdFor = (channel: Channel, value: string): string =>
  `CI-${channel}-${createHash('sha256').update(normalise(channel, value)).digest('hex').slice(0, 40)}`;
