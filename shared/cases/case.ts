import { z } from 'zod';
import { EntityId } from '../common/identifiers';
import { IsoInstant } from '../common/time';
import { CaseNumber } from './caseNumber';
import { CaseState } from './caseState';

export const CaseType = z.enum(['Inquiry', 'Problem', 'Request']);
export type CaseType = z.infer<typeof CaseType>;

export const CasePriority = z.enum(['Low', 'Normal', 'High', 'Critical']);
export type CasePriority = z.infer<typeof CasePriority>;

export const CaseOrigin = z.enum(['Phone', 'Email', 'Web', 'Chat', 'SMS', 'Utility', 'Field']);
export type CaseOrigin = z.infer<typeof CaseOrigin>;

/** An agent, or a team queue while nobody has picked the case up. */
export const CaseOwner = z.object({ kind: z.enum(['agent', 'queue']), id: z.string().min(1).max(100) });
export type CaseOwner = z.infer<typeof CaseOwner>;

/**
 * A customer-service case in the `cases` container (partition key `/id`). The case number is the
 * id, so the number an agent reads out is a point read.
 */
export const Case = z.object({
  id: CaseNumber,
  title: z.string().min(1).max(200),
  description: z.string().max(4000).optional(),
  type: CaseType,
  priority: CasePriority,
  origin: CaseOrigin,
  owner: CaseOwner,
  state: CaseState,
  customerId: EntityId.optional(),
  workOrderId: EntityId.optional(),
  /** When the SLA wants the case resolved; set from priority when the case opens. */
  resolveBy: IsoInstant.optional(),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  resolvedAt: IsoInstant.optional(),
});
export type Case = z.infer<typeof Case>;
