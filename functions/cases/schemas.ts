import { z } from 'zod';
import { CasePriority } from '../../shared/cases/case';
import { CaseNumber } from '../../shared/cases/caseNumber';
import { EntityId } from '../../shared/common/identifiers';

export const CaseParams = z.object({ caseId: CaseNumber });

export const CaseListQuery = z.object({
  status: z.enum(['Active', 'Resolved', 'Cancelled']).optional(),
  priority: CasePriority.optional(),
  ownerId: z.string().min(1).max(100).optional(),
  customerId: EntityId.optional(),
  workOrderId: EntityId.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
