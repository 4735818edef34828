import type { JourneyStage, NextAction } from '../../shared/journey/journeyStatus';
import type { NotificationPurpose, NotificationStatus } from '../../shared/notifications/notification';

/** Staff read times on the operation's clock: the KPI days are Brussels days, and so are these. */
export const consoleTimeZone = 'Europe/Brussels';

const dateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: consoleTimeZone,
  day: '2-digit',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `12 Jan 2026, 09:30`: day first, 24 h, as Belgian staff write it. */
export const formatInstant = (iso: string): string => dateTime.format(new Date(iso));

export const stageLabels: Readonly<Record<JourneyStage, string>> = {
  contacting: 'Contacting',
  onHold: 'On hold',
  scheduled: 'Booked',
  technicianEnRoute: 'Technician on the way',
  completed: 'Completed',
  cancelled: 'Cancelled',
  closedUnreachable: 'Closed unreachable',
  closedIncomplete: 'Closed incomplete',
};

export const nextActionLabels: Readonly<Record<NextAction, string>> = {
  sendInvitation: 'Send the next invitation',
  putOnHold: 'Put on hold (no answer)',
  sendConfirmation: 'Send the booking confirmation',
  sendReminder: 'Send a reminder',
  closeUnreachable: 'Close as unreachable',
};

export const purposeLabels: Readonly<Record<NotificationPurpose, string>> = {
  invitation: 'Invitation',
  reminder: 'Reminder',
  bookingConfirmation: 'Booking confirmation',
  rescheduleConfirmation: 'Reschedule confirmation',
  dayBeforeReminder: 'Day-before reminder',
  technicianEnRoute: 'Technician on the way',
  visitCompleted: 'Visit completed',
  visitMissed: 'Visit missed',
  bookingReleased: 'Booking released',
  onHold: 'On hold',
  cancellation: 'Cancellation',
  workDeclined: 'Work declined',
  smsReply: 'SMS reply',
};

/** Badge colour per delivery status: failed and suppressed are what ops must notice. */
export const deliveryBadge: Readonly<Record<NotificationStatus, 'ok' | 'warn' | 'breach' | ''>> = {
  queued: '',
  sent: '',
  delivered: 'ok',
  failed: 'breach',
  suppressed: 'warn',
};

/** Stages ops act on first get a coloured badge. */
export const stageBadge = (stage: JourneyStage): 'ok' | 'warn' | 'breach' | '' => {
  switch (stage) {
    case 'onHold':
      return 'warn';
    case 'closedUnreachable':
    case 'closedIncomplete':
      return 'breach';
    case 'completed':
      return 'ok';
    case 'contacting':
    case 'scheduled':
    case 'technicianEnRoute':
    case 'cancelled':
      return '';
    default: {
      const unknown: never = stage;
      throw new Error(`no badge for ${String(unknown)}`);
    }
  }
};

export const percent = (rate: number | null): string =>
  rate === null ? 'no data' : `${(rate * 100).toFixed(1)} %`;
