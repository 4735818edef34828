import { z } from 'zod';
import { CasePriority, CaseType } from '../../shared/cases/case';
import { EntityId } from '../../shared/common/identifiers';
import { IsoDate } from '../../shared/common/time';

export const WorkOrderParams = z.object({ workOrderId: EntityId });
export const ScheduleParams = z.object({ technicianId: EntityId });
export const ScheduleQuery = z.object({ date: IsoDate.optional() });

export const PhotoUploadRequest = z.object({
  contentType: z.enum(['image/jpeg', 'image/png', 'image/heic']),
  purpose: z.enum(['photo', 'signature']).default('photo'),
});
export const RaiseCase = z.object({
  /**
   * The phone's own id for this case, made when it was raised: the offline queue sends it again
   * after a lost answer, and the same case is answered (200) instead of a second one opened.
   */
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9-]{8,64}$/, 'letters, digits and dashes, 8 to 64')
    .optional(),
  title: z.string().min(1).max(200),
  description: z.string().max(4000).optional(),
  type: CaseType.default('Problem'),
  priority: CasePriority.default('Normal'),
});
