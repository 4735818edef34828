import { lastAllowedTimeBefore, nextAllowedTime } from './quietHours';
import type { JourneyCadence } from './cadence';
import { addLocalHours } from '../common/zonedTime';

export interface PlannedReminder {
  /** Which offset this is (0 = the earliest), part of the message's idempotency key. */
  readonly index: number;
  readonly offsetHours: number;
  readonly sendAt: Date;
}

/**
 * The reminders still to send before an appointment. Each is `offset` hours before the start in
 * the customer's time zone; one that falls in quiet hours moves to the end of them if that is
 * still before the appointment. If it is not (the 2 h reminder of an 08:00 visit), it is dropped
 * when an earlier reminder is planned: the customer already heard, and a text the evening before
 * says nothing the 48 h one did not. Only a booking's sole reminder goes the evening before instead.
 * Reminders already due at `now` (a booking two hours ahead) are dropped, as is one that lands
 * on the same minute as an earlier one.
 */
export function reminderPlan(cadence: JourneyCadence, appointmentStart: Date, now: Date): PlannedReminder[] {
  const offsets = [...cadence.reminderOffsetsHours].sort((a, b) => b - a);
  const planned: PlannedReminder[] = [];
  offsets.forEach((offsetHours, index) => {
    const ideal = addLocalHours(appointmentStart, -offsetHours, cadence.timeZone);
    const later = nextAllowedTime(ideal, cadence.quietHours);
    const previous = planned[planned.length - 1];
    if (later >= appointmentStart && previous !== undefined) return;
    const sendAt = later < appointmentStart ? later : lastAllowedTimeBefore(ideal, cadence.quietHours);
    if (sendAt <= now || sendAt >= appointmentStart) return;
    if (previous !== undefined && sendAt.getTime() <= previous.sendAt.getTime()) return;
    planned.push({ index, offsetHours, sendAt });
  });
  return planned;
}
