import { z } from 'zod';
import { EntityId } from '../common/identifiers';
import { IsoInstant } from '../common/time';
import { IncompleteReason } from '../workorders/incompleteReason';
import { VisitReport } from '../workorders/visitReport';

/** The customer's signature is an image uploaded like a photo; no name is stored with it. */
export const CustomerSignature = z.object({
  reference: z.string().min(1).max(300).meta({ description: 'Blob name in the technician-photos container' }),
  signedAt: IsoInstant,
});

export const CompletionReport = VisitReport.extend({ signature: CustomerSignature.optional() });
export type CompletionReport = z.infer<typeof CompletionReport>;

const base = {
  /** Generated on the phone when the technician taps; a replay after being offline repeats it. */
  updateId: EntityId.meta({ description: 'Client-generated id, the same on every replay' }),
  /** When the technician made the update on the phone, which may be long before it arrives. */
  clientTimestamp: IsoInstant,
};

export const StatusUpdate = z.discriminatedUnion('status', [
  z.object({ ...base, status: z.literal('enRoute'), eta: IsoInstant }),
  z.object({ ...base, status: z.literal('onSite') }),
  z.object({ ...base, status: z.literal('completed'), report: CompletionReport }),
  z.object({
    ...base,
    status: z.literal('incomplete'),
    reason: IncompleteReason,
    note: z.string().max(2000).optional(),
  }),
]);
export type StatusUpdate = z.infer<typeof StatusUpdate>;
