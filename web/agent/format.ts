import type { WorkOrderState } from '../../shared/workorders/workOrderState';

/** The service desk's zone (the case calendars' default): agents read times as Brussels time. */
export const deskTimeZone = 'Europe/Brussels';

const dateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: deskTimeZone,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** e.g. "Mon 5 Jan, 14:30", in the desk's zone. */
export const shownTime = (iso: string): string => dateTime.format(new Date(iso));

/** Business minutes as an agent says them: "2 h 05 min", "45 min". */
export function shownMinutes(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${String(rest).padStart(2, '0')} min`;
}

/** A work order's status with what qualifies it, e.g. "Incomplete (customerAbsent)". */
export function shownWorkOrderState(state: WorkOrderState): string {
  switch (state.status) {
    case 'Incomplete':
    case 'OnHold':
      return `${state.status} (${state.reason})`;
    case 'Cancelled':
      return `Cancelled by ${state.by}`;
    case 'Closed':
      return `Closed (${state.outcome})`;
    case 'Received':
    case 'AwaitingCustomer':
    case 'Scheduled':
    case 'Dispatched':
    case 'EnRoute':
    case 'OnSite':
    case 'Completed':
      return state.status;
    default: {
      const unknown: never = state;
      throw new Error(`unknown work order state ${JSON.stringify(unknown)}`);
    }
  }
}
