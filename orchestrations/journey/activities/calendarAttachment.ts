import type { Language } from '../../../shared/common/contact';
import { contactFor, type UtilityContacts } from '../../../shared/customers/utilityContact';
import type { JourneyAppointment } from '../../../shared/journey/journeyStatus';
import type { EmailAttachment } from '../../../shared/journey/notifier';
import type { JourneyPurpose } from '../../../shared/journey/purposes';
import type { WorkOrder } from '../../../shared/workorders/workOrder';
import { appointmentCalendar } from '../../../web/customer/appointmentCalendar';

const withCalendar: readonly JourneyPurpose[] = ['bookingConfirmation', 'rescheduleConfirmation'];

/**
 * The confirmation email carries the appointment as an .ics file. The email goes to the address on
 * file, so the calendar entry has the full address, where the page (open to whoever holds the link)
 * shows it masked.
 */
export function calendarAttachment(
  purpose: JourneyPurpose,
  workOrder: WorkOrder,
  appointment: JourneyAppointment,
  language: Language,
  timeZone: string,
  contacts: UtilityContacts,
  pageUrl: string,
  now: Date,
): EmailAttachment | undefined {
  if (!withCalendar.includes(purpose)) return undefined;
  const { site } = workOrder;
  const content = appointmentCalendar(
    { language, path: '', timeZone, contact: contactFor(contacts, workOrder.utilityCode) },
    {
      workType: workOrder.workType,
      maskedAddress: `${site.street}, ${site.postcode} ${site.city}`,
      durationMinutes: workOrder.estimatedDurationMinutes,
    },
    { ...appointment, workOrderId: workOrder.id, updatedAt: now.toISOString() },
    now,
    pageUrl,
  );
  return { name: 'appointment.ics', contentType: 'text/calendar', content };
}
