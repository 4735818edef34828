import { z } from 'zod';
import { Channel, EmailAddress, Language, PhoneE164 } from '../common/contact';
import { EntityId, UtilityCode } from '../common/identifiers';
import { IsoInstant } from '../common/time';

/**
 * The person a work order's journey talks to, in the `customers` container (partition key `/id`).
 * One document per work order (`customerIdFor`); the same person across work orders is found
 * through contact-index documents, never by querying on phone or email.
 */
export const Customer = z.object({
  id: EntityId,
  docType: z.literal('customer'),
  utilityCode: UtilityCode,
  workOrderId: EntityId,
  name: z.string().min(1).max(200),
  phone: PhoneE164.optional(),
  email: EmailAddress.optional(),
  preferredChannel: Channel.optional(),
  language: Language,
  /** Set by a STOP reply; we then never text this customer again, whatever they prefer. */
  smsOptedOut: z.boolean(),
  /**
   * The work-order revision intake last took these details from: a write carrying an older one
   * is superseded and changes nothing. Absent on documents written before it was kept.
   */
  revision: z.int().min(1).optional(),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type Customer = z.infer<typeof Customer>;

/** Customers belong to one work order, so their id follows from it (`WO-…` becomes `CU-…`). */
export const customerIdFor = (workOrderId: string): string => `CU-${workOrderId.replace(/^WO-/, '')}`;
