import type { Language } from '../common/contact';
import type { JourneyPurpose } from './purposes';
import en_bookingConfirmation from './templates/en/bookingConfirmation.json';
import en_bookingReleased from './templates/en/bookingReleased.json';
import en_cancellation from './templates/en/cancellation.json';
import en_invitation from './templates/en/invitation.json';
import en_reminder from './templates/en/reminder.json';
import en_rescheduleConfirmation from './templates/en/rescheduleConfirmation.json';
import en_technicianEnRoute from './templates/en/technicianEnRoute.json';
import en_visitCompleted from './templates/en/visitCompleted.json';
import en_visitMissed from './templates/en/visitMissed.json';
import en_workDeclined from './templates/en/workDeclined.json';
import fr_bookingConfirmation from './templates/fr/bookingConfirmation.json';
import fr_bookingReleased from './templates/fr/bookingReleased.json';
import fr_cancellation from './templates/fr/cancellation.json';
import fr_invitation from './templates/fr/invitation.json';
import fr_reminder from './templates/fr/reminder.json';
import fr_rescheduleConfirmation from './templates/fr/rescheduleConfirmation.json';
import fr_technicianEnRoute from './templates/fr/technicianEnRoute.json';
import fr_visitCompleted from './templates/fr/visitCompleted.json';
import fr_visitMissed from './templates/fr/visitMissed.json';
import fr_workDeclined from './templates/fr/workDeclined.json';
import nl_bookingConfirmation from './templates/nl/bookingConfirmation.json';
import nl_bookingReleased from './templates/nl/bookingReleased.json';
import nl_cancellation from './templates/nl/cancellation.json';
import nl_invitation from './templates/nl/invitation.json';
import nl_reminder from './templates/nl/reminder.json';
import nl_rescheduleConfirmation from './templates/nl/rescheduleConfirmation.json';
import nl_technicianEnRoute from './templates/nl/technicianEnRoute.json';
import nl_visitCompleted from './templates/nl/visitCompleted.json';
import nl_visitMissed from './templates/nl/visitMissed.json';
import nl_workDeclined from './templates/nl/workDeclined.json';

/**
 * The template files, one per purpose and language, imported so the compiler copies them to
 * `dist` with the code. Their shape is checked by `MessageTemplate` when a message is composed
 * (and by a test over every file), not trusted here.
 */
export const templateFiles: Readonly<Record<Language, Readonly<Record<JourneyPurpose, unknown>>>> = {
  en: {
    bookingConfirmation: en_bookingConfirmation,
    cancellation: en_cancellation,
    invitation: en_invitation,
    reminder: en_reminder,
    rescheduleConfirmation: en_rescheduleConfirmation,
    technicianEnRoute: en_technicianEnRoute,
    visitCompleted: en_visitCompleted,
    visitMissed: en_visitMissed,
    bookingReleased: en_bookingReleased,
    workDeclined: en_workDeclined,
  },
  fr: {
    bookingConfirmation: fr_bookingConfirmation,
    cancellation: fr_cancellation,
    invitation: fr_invitation,
    reminder: fr_reminder,
    rescheduleConfirmation: fr_rescheduleConfirmation,
    technicianEnRoute: fr_technicianEnRoute,
    visitCompleted: fr_visitCompleted,
    visitMissed: fr_visitMissed,
    bookingReleased: fr_bookingReleased,
    workDeclined: fr_workDeclined,
  },
  nl: {
    bookingConfirmation: nl_bookingConfirmation,
    cancellation: nl_cancellation,
    invitation: nl_invitation,
    reminder: nl_reminder,
    rescheduleConfirmation: nl_rescheduleConfirmation,
    technicianEnRoute: nl_technicianEnRoute,
    visitCompleted: nl_visitCompleted,
    visitMissed: nl_visitMissed,
    bookingReleased: nl_bookingReleased,
    workDeclined: nl_workDeclined,
  },
};
