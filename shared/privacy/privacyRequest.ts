import { z } from 'zod';
import { EmailAddress, PhoneE164 } from '../common/contact';
import { EntityId } from '../common/identifiers';
import { IsoInstant } from '../common/time';

/**
 * Who an export or an erasure is about: exactly one way to find them. A phone or email finds
 * every customer record that currently holds it; an entry that went stale with an amend does not
 * count, so one person's request never reaches the next owner of a number.
 */
export const PersonLookup = z.union([
  z.strictObject({ customerId: EntityId }),
  z.strictObject({ phone: PhoneE164 }),
  z.strictObject({ email: EmailAddress }),
]);
export type PersonLookup = z.infer<typeof PersonLookup>;

export const ErasureRequest = z.strictObject({
  person: PersonLookup,
  /** Why, in the requester's words for the record; never the person's data. */
  reason: z.string().min(1).max(500).optional(),
});
export type ErasureRequest = z.infer<typeof ErasureRequest>;

export const ExportRequest = z.strictObject({ person: PersonLookup });
export type ExportRequest = z.infer<typeof ExportRequest>;

export const ErasureTrigger = z.enum(['request', 'retention']);
export type ErasureTrigger = z.infer<typeof ErasureTrigger>;

/** The orchestration's input: ids only, so its own history holds no personal data. */
export const ErasureInput = z.object({
  erasureId: EntityId,
  customerIds: z.array(EntityId).min(1).max(200),
  trigger: ErasureTrigger,
  requestedBy: z.string().min(1).max(200),
  requestedAt: IsoInstant,
});
export type ErasureInput = z.infer<typeof ErasureInput>;
