import { z } from 'zod';
import { RegionCode } from '../../shared/common/geo';
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
