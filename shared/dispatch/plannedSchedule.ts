import { instantOn } from './localClock';
import type { StoredPlan } from './storedPlan';

export interface PlannedVisit {
  readonly sequence: number;
  readonly appointmentId: string;
  readonly workOrderId: string;
  readonly plannedArrival: string;
  readonly plannedStart: string;
  readonly plannedEnd: string;
  /** Driving from the previous stop (or from home for the first). */
  readonly travelMinutes: number;
  readonly pinned: boolean;
}

/** A technician's day from the stored plan: the visits in the order planned, with instants for the times. */
export function plannedVisitsOf(stored: StoredPlan, technicianId: string): PlannedVisit[] {
  const route = stored.plan.routes.find((r) => r.technicianId === technicianId);
  const visits = new Map(stored.visits.map((visit) => [visit.id, visit]));
  const at = (time: string) => instantOn(stored.date, time, stored.timeZone).toISOString();
  return (route?.stops ?? []).flatMap((stop, k) => {
    const visit = visits.get(stop.visitId);
    if (visit === undefined) return [];
    return [
      {
        sequence: k + 1,
        appointmentId: stop.visitId,
        workOrderId: visit.workOrderId,
        plannedArrival: at(stop.arrival),
        plannedStart: at(stop.start),
        plannedEnd: at(stop.end),
        travelMinutes: stop.travelMinutes,
        pinned: stop.pinned,
      },
    ];
  });
}

/**
 * When the technician who set out at `departedAt` reaches the appointment's site: the plan's own
 * drive to it from the stop before, counted from the real departure, so a technician running early
 * or late is announced as they are. Undefined when the appointment is not in a route.
 */
export function plannedEta(stored: StoredPlan, appointmentId: string, departedAt: Date): string | undefined {
  for (const route of stored.plan.routes) {
    const stop = route.stops.find((s) => s.visitId === appointmentId);
    if (stop !== undefined)
      return new Date(departedAt.getTime() + Math.ceil(stop.travelMinutes) * 60_000).toISOString();
  }
  return undefined;
}
