import { z } from 'zod';
import { RegionCode } from '../common/geo';
import { EntityId } from '../common/identifiers';
import { IsoDate, LocalTime } from '../common/time';

/** Why a visit is not in the plan. Every visit of the input is either routed or listed with one. */
export const UnplacedReason = z.enum([
  'noSkilledTechnician',
  'technicianAbsent',
  'shiftTooShort',
  'windowUnreachable',
  'invalidWindow',
  'unknownWorkType',
  'pinnedTechnicianUnavailable',
  'dayFull',
]);
export type UnplacedReason = z.infer<typeof UnplacedReason>;

export const PlannedStop = z.object({
  visitId: EntityId,
  /** Planned arrival; service may start later if the window opens later. */
  arrival: LocalTime,
  start: LocalTime,
  end: LocalTime,
  travelMinutes: z.number().min(0),
  pinned: z.boolean(),
});
export type PlannedStop = z.infer<typeof PlannedStop>;

export const PlannedRoute = z.object({
  technicianId: EntityId,
  stops: z.array(PlannedStop),
  travelMinutes: z.number().min(0),
  /** From leaving the start to reaching the end location; 0 for a technician with no visits. */
  workMinutes: z.number().min(0),
  returnTravelMinutes: z.number().min(0),
});
export type PlannedRoute = z.infer<typeof PlannedRoute>;

export const DayPlan = z.object({
  region: RegionCode,
  date: IsoDate,
  routes: z.array(PlannedRoute),
  unplaced: z.array(z.object({ visitId: EntityId, reason: UnplacedReason })),
  travelMinutes: z.number().min(0),
});
export type DayPlan = z.infer<typeof DayPlan>;
