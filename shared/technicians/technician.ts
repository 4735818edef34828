import { z } from 'zod';
import { EmailAddress } from '../common/contact';
import { GeoPoint, RegionCode } from '../common/geo';
import { EntityId, Skill } from '../common/identifiers';
import { IsoInstant, LocalTime, TimeZone, minutesOfDay } from '../common/time';

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;

/** A stretch of working time on one day, in the technician's own time zone. */
export const WorkingInterval = z
  .object({ start: LocalTime, end: LocalTime })
  .refine((interval) => minutesOfDay(interval.start) < minutesOfDay(interval.end), {
    message: 'must end after it starts',
    path: ['end'],
  });
export type WorkingInterval = z.infer<typeof WorkingInterval>;

/** Every weekday is listed; a day off is an empty list, so a missing day is a data error, not a guess. */
export const WorkingHours = z.object({
  mon: z.array(WorkingInterval),
  tue: z.array(WorkingInterval),
  wed: z.array(WorkingInterval),
  thu: z.array(WorkingInterval),
  fri: z.array(WorkingInterval),
  sat: z.array(WorkingInterval),
  sun: z.array(WorkingInterval),
});
export type WorkingHours = z.infer<typeof WorkingHours>;

export const Absence = z
  .object({ from: IsoInstant, to: IsoInstant, reason: z.enum(['leave', 'sick', 'training', 'other']) })
  .refine((absence) => Date.parse(absence.from) < Date.parse(absence.to), {
    message: 'must end after it starts',
    path: ['to'],
  });
export type Absence = z.infer<typeof Absence>;

/** A field technician in the `technicians` container (partition key `/id`). */
export const Technician = z.object({
  id: EntityId,
  displayName: z.string().min(1).max(100),
  email: EmailAddress.optional(),
  skills: z.array(Skill),
  region: RegionCode,
  homeBase: GeoPoint,
  timeZone: TimeZone,
  workingHours: WorkingHours,
  absences: z.array(Absence),
  active: z.boolean(),
  updatedAt: IsoInstant,
});
export type Technician = z.infer<typeof Technician>;
