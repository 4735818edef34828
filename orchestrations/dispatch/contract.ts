import { z } from 'zod';
import { RegionCode } from '../../shared/common/geo';
import { IsoDate, IsoInstant } from '../../shared/common/time';
import { PlanTrigger } from '../../shared/dispatch/dayChanges';

export const dispatchOrchestrationName = 'dispatchPlanning';

export const dispatchActivityNames = {
  listRegionDays: 'dispatchListRegionDays',
  planRegionDay: 'dispatchPlanRegionDay',
} as const;
export type DispatchActivityKey = keyof typeof dispatchActivityNames;

export const RegionDay = z.object({ region: RegionCode, date: IsoDate });
export type RegionDay = z.infer<typeof RegionDay>;

/** One planning run: the region-days named, or every region with technicians on the dates given. */
export const DispatchRunInput = z.object({
  trigger: z.enum(PlanTrigger),
  requestedBy: z.string().min(1).max(100),
  requestedAt: IsoInstant,
  regionDays: z.array(RegionDay).max(200).optional(),
  dates: z.array(IsoDate).max(14).optional(),
  /** Wall time each region-day's search may take; the orchestration's fan-out runs them side by side. */
  budgetSeconds: z.int().min(1).max(300),
});
export type DispatchRunInput = z.infer<typeof DispatchRunInput>;

export const PlanRegionDayInput = RegionDay.extend({
  trigger: z.enum(PlanTrigger),
  requestedBy: z.string().min(1),
  /** The run's id: the timeline entries a region-day writes are named by it. */
  runId: z.string().min(1),
  budgetMs: z.int().positive(),
  seed: z.int(),
});
export type PlanRegionDayInput = z.infer<typeof PlanRegionDayInput>;

export const RegionDayOutcome = RegionDay.extend({
  visits: z.int().min(0),
  routed: z.int().min(0),
  unplaced: z.int().min(0),
  travelMinutes: z.number().min(0),
  changes: z.int().min(0),
  reassigned: z.int().min(0),
});
export type RegionDayOutcome = z.infer<typeof RegionDayOutcome>;

export const DispatchOutcome = z.object({
  regionDays: z.array(RegionDayOutcome),
  visits: z.int().min(0),
  unplaced: z.int().min(0),
  changes: z.int().min(0),
});
export type DispatchOutcome = z.infer<typeof DispatchOutcome>;

/** One nightly run per night (a second timer fire joins it); on-demand runs are named by their request. */
export const dispatchInstanceId = (trigger: PlanTrigger, key: string): string => `dispatch-${trigger}-${key}`;
