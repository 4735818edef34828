import { terminalWorkOrderStatuses, type WorkOrderStatus } from '../workorders/workOrderState';

/**
 * Personal data of a work order is kept while the work can still be asked about: until it has
 * been closed or cancelled for `retentionDays`. The work order's `updatedAt` is the moment it
 * reached that state, since nothing changes a terminal work order afterwards.
 */
export function isPastRetention(
  workOrder: { readonly state: { readonly status: WorkOrderStatus }; readonly updatedAt: string },
  now: Date,
  retentionDays: number,
): boolean {
  if (!terminalWorkOrderStatuses.includes(workOrder.state.status)) return false;
  return Date.parse(workOrder.updatedAt) + retentionDays * 86_400_000 <= now.getTime();
}

export const retentionCutoff = (now: Date, days: number): string =>
  new Date(now.getTime() - days * 86_400_000).toISOString();
