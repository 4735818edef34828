import { z } from 'zod';
import { RegionCode } from '../common/geo';
import { EntityId } from '../common/identifiers';
import { IsoDate, IsoInstant, TimeZone } from '../common/time';
import { PlanVisit } from './dayInput';
import { DayPlan } from './dayPlan';

/**
 * A visit as the stored plan knows it. The planner's visit id is the appointment id, not the work
 * order's: while a reschedule within the day is in flight the old and the new appointment of one
 * work order are both in the plan for a moment, exactly as both hold a place in their slots.
 */
export const StoredVisit = PlanVisit.extend({
  workOrderId: EntityId,
  /** Minutes on site, the work order's own estimate (`workType` is keyed by it, see `regionDayInput`). */
  serviceMinutes: z.int().positive(),
  correlationId: z.string().min(1).optional(),
});
export type StoredVisit = z.infer<typeof StoredVisit>;

/**
 * One region-day's plan in the `plans` container (partition `/region`): every visit of the day and
 * the routes through them. Booking inserts and removes visits with ETag-guarded replaces, the
 * nightly and on-demand planning replaces the routes the same way, so neither loses the other's write.
 */
export const StoredPlan = z.object({
  id: z.string().min(1),
  docType: z.literal('dayPlan'),
  region: RegionCode,
  date: IsoDate,
  timeZone: TimeZone,
  visits: z.array(StoredVisit),
  plan: DayPlan,
  /** When the whole day was last optimised; absent while only booking has inserted visits. */
  optimisedAt: IsoInstant.optional(),
  updatedAt: IsoInstant,
});
export type StoredPlan = z.infer<typeof StoredPlan>;

/** `PL~<region>~<date>`: one document per region-day, found by a point read. */
export const planIdFor = (region: string, date: string): string => `PL~${region}~${date}`;

export const emptyPlan = (region: string, date: string, timeZone: string, at: string): StoredPlan => ({
  id: planIdFor(region, date),
  docType: 'dayPlan',
  region,
  date,
  timeZone,
  visits: [],
  plan: { region, date, routes: [], unplaced: [], travelMinutes: 0 },
  updatedAt: at,
});
