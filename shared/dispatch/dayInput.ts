import { z } from 'zod';
import { GeoPoint, RegionCode } from '../common/geo';
import { EntityId, Skill } from '../common/identifiers';
import { IsoDate, LocalTime } from '../common/time';
import { Weekday } from '../technicians/technician';

/**
 * What the planner is given for one region-day. Times are wall-clock "HH:MM" in the region's zone.
 * Windows and shifts are deliberately not refined to "end after start": an impossible window is a
 * visit the planner answers with a reason, not input it refuses.
 */
export const LocalInterval = z.object({ start: LocalTime, end: LocalTime });
export type LocalInterval = z.infer<typeof LocalInterval>;

export const PlanTechnician = z.object({
  id: EntityId,
  skills: z.array(Skill),
  start: GeoPoint,
  end: GeoPoint,
  /** Shift per weekday; null is a day off. */
  shifts: z.record(Weekday, LocalInterval.nullable()),
  breaks: z.array(LocalInterval),
  /** Absences on the planned day; one that covers the whole shift takes the technician out. */
  absences: z.array(LocalInterval),
  maxVisits: z.int().positive().optional(),
});
export type PlanTechnician = z.infer<typeof PlanTechnician>;

export const VisitPriority = z.enum(['normal', 'high', 'urgent']);
export type VisitPriority = z.infer<typeof VisitPriority>;

/** A visit already handed to a technician: it keeps technician and place in the sequence. */
export const VisitPin = z.object({
  technicianId: EntityId,
  status: z.enum(['dispatched', 'enRoute', 'onSite']),
  /** Place among the technician's pinned visits, 0 = first. */
  sequence: z.int().min(0),
});
export type VisitPin = z.infer<typeof VisitPin>;

export const PlanVisit = z.object({
  /** The work order the visit serves. */
  id: EntityId,
  location: GeoPoint,
  workType: z.string().min(1).max(64),
  /** The booked appointment window: the technician arrives inside it. */
  window: LocalInterval,
  skills: z.array(Skill),
  priority: VisitPriority,
  pin: VisitPin.optional(),
});
export type PlanVisit = z.infer<typeof PlanVisit>;

export const DayInput = z.object({
  region: RegionCode,
  date: IsoDate,
  technicians: z.array(PlanTechnician),
  visits: z.array(PlanVisit),
  /** Service minutes per work type. */
  workTypeMinutes: z.record(z.string(), z.int().positive()),
});
export type DayInput = z.infer<typeof DayInput>;
