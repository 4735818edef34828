import { calendarFile } from './calendarFile';
import { stringsOf, type PageBase, type WorkSummary } from './pageBase';

export interface CalendarAppointment {
  readonly workOrderId: string;
  readonly appointmentId: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly updatedAt: string;
}

/**
 * The appointment as a calendar entry in the customer's language: the arrival window as the
 * event, with what to prepare and whom to call in its description.
 */
export function appointmentCalendar(
  base: PageBase,
  summary: WorkSummary,
  appointment: CalendarAppointment,
  now: Date,
  pageUrl: string,
  location = summary.maskedAddress,
): string {
  const strings = stringsOf(base);
  const contact =
    base.contact.phone === undefined ? base.contact.name : `${base.contact.name}: ${base.contact.phone}`;
  return calendarFile({
    // One entry per work order: a moved appointment updates it instead of adding a second one.
    uid: `${appointment.workOrderId}.appointment@fieldline`,
    // Seconds since the epoch of the last change: grows with every move, as SEQUENCE must.
    sequence: Math.floor(Date.parse(appointment.updatedAt) / 1000) % 2_000_000_000,
    start: new Date(appointment.windowStart),
    end: new Date(appointment.windowEnd),
    stamp: now,
    summary: `${strings.workTypes[summary.workType]} – ${base.contact.name}`,
    location,
    description: [
      `${strings.duration}: ${summary.durationMinutes} ${strings.minutes}`,
      `${strings.whatToPrepare}: ${strings.prepare[summary.workType]}`,
      `${strings.contact} ${contact}`,
      pageUrl,
    ].join('\n'),
    url: pageUrl,
  });
}
