import { z } from 'zod';
import { EntityId } from '../common/identifiers';
import { IsoInstant } from '../common/time';

export const TimelineSubjectType = z.enum(['workOrder', 'case', 'customer', 'technician']);
export type TimelineSubjectType = z.infer<typeof TimelineSubjectType>;

export const TimelineActor = z.object({
  kind: z.enum(['system', 'utility', 'customer', 'technician', 'agent', 'ops']),
  id: z.string().min(1).max(100).optional(),
});
export type TimelineActor = z.infer<typeof TimelineActor>;

/**
 * Something that happened to a work order, case, customer or technician, in the `timeline`
 * container partitioned by `subjectId`: a subject's history is one single-partition query ordered
 * by `occurredAt`. Event types are open (`area.event`, e.g. `workOrder.accepted`) so each feature
 * adds its own without changing this schema. `data` holds flat, non-personal facts only.
 */
export const TimelineEvent = z.object({
  id: EntityId,
  docType: z.literal('event'),
  subjectId: EntityId,
  subjectType: TimelineSubjectType,
  type: z
    .string()
    .regex(/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$/, 'must be "area.event", e.g. workOrder.accepted'),
  occurredAt: IsoInstant,
  actor: TimelineActor,
  summary: z.string().min(1).max(500),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  correlationId: z.string().min(1).optional(),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;
