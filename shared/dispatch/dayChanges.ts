import type { DayPlan, UnplacedReason } from './dayPlan';
import type { StoredVisit } from './storedPlan';
import { clockMinutes } from './clockMinutes';

/** Why the routes were worked out again; goes on every timeline entry the change writes. */
export const PlanTrigger = ['nightly', 'onDemand', 'dispatcherMove', 'booking'] as const;
export type PlanTrigger = (typeof PlanTrigger)[number];

/**
 * Every reason a route changes: a planning run's, and the single changes made between runs (the
 * board's move, pin and unpin, a booking taking a place, a booking giving its place back).
 */
export const RouteChangeTrigger = [
  ...PlanTrigger,
  'dispatcherPin',
  'dispatcherUnpin',
  'bookingReleased',
] as const;
export type RouteChangeTrigger = (typeof RouteChangeTrigger)[number];

export interface Place {
  readonly technicianId: string;
  readonly position: number;
  readonly arrival: string;
}

export type RouteChange =
  | {
      readonly kind: 'routed' | 'reassigned' | 'retimed';
      readonly visit: StoredVisit;
      readonly before?: Place | undefined;
      readonly after: Place;
    }
  | {
      readonly kind: 'unplaced';
      readonly visit: StoredVisit;
      readonly before?: Place | undefined;
      readonly reason: UnplacedReason;
    }
  | {
      /** The board's pin put on or taken off: the visit stays where it is, re-planning keeps it there or not. */
      readonly kind: 'pinned' | 'unpinned';
      readonly visit: StoredVisit;
      readonly before?: Place | undefined;
      readonly after: Place;
    };

/** A planned arrival that moves by less than this is the same visit to the customer and the technician. */
const noticeableMinutes = 15;

export function placesOf(plan: DayPlan | undefined): Map<string, Place> {
  const places = new Map<string, Place>();
  for (const route of plan?.routes ?? [])
    route.stops.forEach((stop, position) =>
      places.set(stop.visitId, { technicianId: route.technicianId, position, arrival: stop.arrival }),
    );
  return places;
}

/**
 * What a new plan changes for each visit against the one it replaces: routed for the first time, given
 * to another technician, moved noticeably in time, or now without a place (with the planner's reason).
 * A visit whose technician and time stay put is not a change, whatever happened around it.
 */
export function dayChanges(
  before: DayPlan | undefined,
  after: DayPlan,
  visits: readonly StoredVisit[],
): RouteChange[] {
  const was = placesOf(before);
  const now = placesOf(after);
  const wasUnplaced = new Map((before?.unplaced ?? []).map((u) => [u.visitId, u.reason]));
  const reasons = new Map(after.unplaced.map((u) => [u.visitId, u.reason]));
  const changes: RouteChange[] = [];
  for (const visit of visits) {
    const previous = was.get(visit.id);
    const next = now.get(visit.id);
    if (next === undefined) {
      const reason = reasons.get(visit.id);
      if (reason !== undefined && (previous !== undefined || wasUnplaced.get(visit.id) !== reason))
        changes.push({ kind: 'unplaced', visit, before: previous, reason });
      continue;
    }
    if (previous === undefined) changes.push({ kind: 'routed', visit, after: next });
    else if (previous.technicianId !== next.technicianId)
      changes.push({ kind: 'reassigned', visit, before: previous, after: next });
    else if (Math.abs(clockMinutes(previous.arrival) - clockMinutes(next.arrival)) >= noticeableMinutes)
      changes.push({ kind: 'retimed', visit, before: previous, after: next });
  }
  return changes;
}

/** The board's pin on a routed visit, as a change at the place it keeps; undefined when it is in no route. */
export function pinChange(plan: DayPlan, visit: StoredVisit, pinned: boolean): RouteChange | undefined {
  const place = placesOf(plan).get(visit.id);
  return place === undefined ? undefined : { kind: pinned ? 'pinned' : 'unpinned', visit, after: place };
}
