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
  title: z.string().min(1).max(200),
  description: z.string().max(4000).optional(),
  type: CaseType.default('Problem'),
  priority: CasePriority.default('Normal'),
});
