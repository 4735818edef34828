import { z } from 'zod';
import { RegionCode } from '../../shared/common/geo';
import { EntityId } from '../../shared/common/identifiers';
import { IsoDate } from '../../shared/common/time';

export const PlanRequest = z.object({
  region: RegionCode.optional().meta({
    description: 'One region; every region with technicians when absent',
  }),
  date: IsoDate,
  budgetSeconds: z.int().min(1).max(120).default(20),
});
export type PlanRequest = z.infer<typeof PlanRequest>;

export const PlanRunParams = z.object({ instanceId: z.string().regex(/^dispatch-[A-Za-z0-9~_.:-]{1,120}$/) });
export const RegionDayParams = z.object({ region: RegionCode, date: IsoDate });

/** The board's address: a region and a local day, both optional (the first region, today). */
export const BoardQuery = z.object({
  region: RegionCode.optional(),
  day: IsoDate.optional(),
  run: PlanRunParams.shape.instanceId
    .optional()
    .meta({ description: 'A planning run to show the status of' }),
  done: z.enum(['moved', 'pinned', 'unpinned', 'replanning']).optional(),
});
export type BoardQuery = z.infer<typeof BoardQuery>;

/** Every board form names the region-day it was drawn for. */
export const BoardDayForm = z.object({ region: RegionCode, day: IsoDate });
export const BoardVisitForm = BoardDayForm.extend({ visitId: EntityId });
export const BoardMoveForm = BoardVisitForm.extend({ technicianId: EntityId });

/** The board's live panels: the region-day it shows, and the run it follows if any. */
export const BoardLiveQuery = z.object({
  region: RegionCode,
  day: IsoDate,
  run: BoardQuery.shape.run,
});
