import type { WorkOrder } from '../workorders/workOrder';

export interface TimeZoneSettings {
  /** The zone when nothing more specific is known (`QuietHoursTimeZone`). */
  readonly timeZone: string;
  /** Each utility's own zone by utility code (`UtilityTimeZones`). */
  readonly utilityTimeZones?: Readonly<Record<string, string>> | undefined;
}

/**
 * The customer's time zone: the work order's site names it, else the utility's zone, else the
 * app's. Messages, quiet hours, reminders, the times shown to the customer and the local day of
 * each KPI fact all use this one answer.
 */
export const customerTimeZone = (
  workOrder: Pick<WorkOrder, 'site' | 'utilityCode'>,
  settings: TimeZoneSettings,
): string =>
  workOrder.site.timeZone ?? settings.utilityTimeZones?.[workOrder.utilityCode] ?? settings.timeZone;
