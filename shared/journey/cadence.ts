import { z } from 'zod';
import { WorkType } from '../contracts/inbound/workType';
import { QuietHours, QuietWindow } from './quietHours';

/**
 * Which channels an invitation attempt uses when the customer stated no preference: the first
 * reachable one, the other one (switching), or both (adding); the sequence is first, other, both.
 * A stated preference is used on every attempt (see `channelsForAttempt`).
 */
export const AttemptChannels = z.enum(['preferred', 'other', 'both']);
export type AttemptChannels = z.infer<typeof AttemptChannels>;

const hours = z
  .number()
  .positive()
  .max(24 * 60);

/**
 * How a journey paces its messages for one work type. Hours count in the customer's time zone:
 * whole days as calendar days at the same local time, so cadences survive daylight-saving changes.
 */
export const JourneyCadence = z.object({
  /** One entry per invitation attempt; its length is the number of attempts before going on hold. */
  contactAttempts: z.array(AttemptChannels).min(1).max(10),
  contactIntervalHours: hours,
  /** Before the appointment's start, e.g. [48, 2]; reminders already past at booking are skipped. */
  reminderOffsetsHours: z.array(hours).max(5),
  onHoldMaxDays: z.int().min(1).max(365),
  /** In the customer's time zone, like everything else here. */
  quietHours: QuietHours,
  /** The customer's time zone: the whole plan (reminders, quiet hours, cadence) is computed in it. */
  timeZone: z.string().min(1),
});
export type JourneyCadence = z.infer<typeof JourneyCadence>;

/** The app-wide tuning (`JourneyContactAttempts`, `JourneyContactIntervalHours`, quiet hours, hold). */
export interface JourneyTuningSettings {
  readonly contactAttempts: number;
  readonly contactIntervalHours: number;
  readonly onHoldMaxDays: number;
  readonly quietHours: QuietHours;
  readonly utilityTimeZones?: Readonly<Record<string, string>> | undefined;
}

/** What may differ per work type; anything left out comes from the app-wide tuning. */
export const CadenceOverride = z
  .strictObject({
    contactAttempts: z.int().min(1).max(10),
    contactIntervalHours: hours,
    reminderOffsetsHours: z.array(hours).max(5),
    onHoldMaxDays: z.int().min(1).max(365),
    /** E.g. an outage repair may text until 22:00: `{ "start": "22:00", "restDays": { … } }`. */
    quietHours: z
      .strictObject({ start: QuietWindow.shape.start, end: QuietWindow.shape.end, restDays: QuietWindow })
      .partial(),
  })
  .partial();
export type CadenceOverride = z.infer<typeof CadenceOverride>;

/** The `JourneyCadenceByWorkType` setting: JSON `{ "installation": { "reminderOffsetsHours": [72, 24, 2] } }`. */
export const CadenceOverrides = z.partialRecord(WorkType, CadenceOverride);
export type CadenceOverrides = z.infer<typeof CadenceOverrides>;

export const defaultReminderOffsetsHours: readonly number[] = [48, 2];

/** Installations take a half day the customer must plan for, so they get an earlier reminder too. */
export const builtInCadenceOverrides: CadenceOverrides = {
  installation: { reminderOffsetsHours: [72, 24, 2] },
};

const attemptSequence = (count: number): AttemptChannels[] =>
  Array.from({ length: count }, (_, index) => (index === 0 ? 'preferred' : index === 1 ? 'other' : 'both'));

/**
 * The cadence of one work type for one customer: built-in defaults, then the app tuning, then the
 * setting's override, all in the customer's time zone (the tuning's when none is known).
 */
export function cadenceFor(
  workType: WorkType,
  tuning: JourneyTuningSettings,
  overrides: CadenceOverrides = {},
  timeZone: string = tuning.quietHours.timeZone,
): JourneyCadence {
  const override = { ...builtInCadenceOverrides[workType], ...overrides[workType] };
  return {
    contactAttempts: attemptSequence(override.contactAttempts ?? tuning.contactAttempts),
    contactIntervalHours: override.contactIntervalHours ?? tuning.contactIntervalHours,
    reminderOffsetsHours: [...(override.reminderOffsetsHours ?? defaultReminderOffsetsHours)],
    onHoldMaxDays: override.onHoldMaxDays ?? tuning.onHoldMaxDays,
    quietHours: { ...tuning.quietHours, ...override.quietHours, timeZone },
    timeZone,
  };
}
