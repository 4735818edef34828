import type { BookingRoutes, RouteAnswer } from '../booking/bookingPorts';
import type { GeoPoint } from '../common/geo';
import { parseSlotId, type Slot } from '../scheduling/slot';
import type { Technician } from '../technicians/technician';
import type { TimelineEvent } from '../timeline/timelineEvent';
import type { WorkOrder } from '../workorders/workOrder';
import { dayChanges, type RouteChange, type RouteChangeTrigger } from './dayChanges';
import type { DayInput } from './dayInput';
import type { LegSource } from './legMinutes';
import { dayLocations } from './planDay';
import { changePlan, type PlanStore } from './planStore';
import { planVisitOf, regionDayInput, storedVisitOf } from './regionDayInput';
import { routeChangeEvent } from './routeChangeEvent';
import { insertVisit, removeVisit } from './routeInsertion';
import { slotFit } from './slotInsertion';
import { emptyPlan, type StoredPlan, type StoredVisit } from './storedPlan';

export interface BookingRouteDependencies {
  readonly plans: PlanStore;
  readonly techniciansIn: (region: string) => Promise<readonly Technician[]>;
  readonly legs: LegSource;
  /** The zone slot windows are in (the booking rules' zone). */
  readonly timeZone: string;
  readonly now: () => Date;
  /** Writes a timeline entry once (create-or-409); without it route changes go unrecorded (unit tests). */
  readonly recordEvent?: (event: TimelineEvent) => Promise<void>;
}

const visitFor = (workOrder: WorkOrder, slot: Slot, appointmentId: string, timeZone: string): StoredVisit =>
  storedVisitOf(
    { workOrder, appointmentId, windowStart: slot.windowStart, windowEnd: slot.windowEnd },
    slot.localDate,
    timeZone,
  );

const pointsOf = (day: DayInput, extra: GeoPoint): GeoPoint[] => [...dayLocations(day), extra];

/**
 * Travel-aware booking over the stored region-day plans: a slot is offered where `slotFit` finds a
 * route the visit joins without moving anyone, and taking it inserts the visit there (If-Match on the
 * day's plan, so two customers cannot both take the last gap in a route). A day with no working
 * technician is `noData`: the booking service then decides on the slot's capacity alone.
 */
export function bookingRoutes(deps: BookingRouteDependencies): BookingRoutes {
  const dayOf = (plan: StoredPlan, technicians: readonly Technician[], visits = plan.visits): DayInput =>
    regionDayInput(plan.region, plan.date, plan.timeZone, technicians, visits);
  const stamp = () => deps.now().toISOString();
  /*
   * What a booking's insert or removal did to the day's routes goes on the work orders' timelines,
   * named by the appointment (a retried booking writes the same entries). Notes come after the plan
   * is written and never undo it: a failed note must not fail a booking whose place is taken, just
   * as a planning run that crashes after its write loses its notes, not its plan.
   */
  const note = async (changes: readonly RouteChange[], version: string, trigger: RouteChangeTrigger) => {
    const record = deps.recordEvent;
    if (record === undefined || changes.length === 0) return;
    const at = stamp();
    await Promise.allSettled(
      changes.map((change) => record(routeChangeEvent(change, version, trigger, at, { kind: 'system' }))),
    );
  };

  return {
    async fits(workOrder, slots) {
      if (slots.length === 0) return [];
      const region = workOrder.site.region;
      const dates = slots.map(({ slot }) => slot.localDate).sort();
      const [technicians, stored] = await Promise.all([
        deps.techniciansIn(region),
        deps.plans.between(region, dates[0]!, dates.at(-1)!),
      ]);
      const plans = new Map(stored.map((plan) => [plan.date, plan]));
      const answers: RouteAnswer[] = [];
      for (const { slot, technicianIds } of slots) {
        const plan = plans.get(slot.localDate) ?? emptyPlan(region, slot.localDate, deps.timeZone, stamp());
        // Its own current visit (a reschedule within the day) does not compete with the new one.
        const day = dayOf(
          plan,
          technicians,
          plan.visits.filter((visit) => visit.workOrderId !== workOrder.id),
        );
        if (day.technicians.length === 0) {
          answers.push({ kind: 'noData' });
          continue;
        }
        const visit = visitFor(workOrder, slot, 'AP-offer-check', deps.timeZone);
        const legs = await deps.legs(slot.localDate, pointsOf(day, visit.location));
        const allowed: DayInput = {
          ...day,
          technicians: day.technicians.filter((t) => technicianIds.includes(t.id)),
          workTypeMinutes: { ...day.workTypeMinutes, [visit.workType]: visit.serviceMinutes },
        };
        const fit = slotFit(allowed, plan.plan, planVisitOf(visit), legs, 'any');
        answers.push(fit.fits ? { kind: 'fits', technicianId: fit.technicianId } : { kind: 'noFit' });
      }
      return answers;
    },

    async take(workOrder, slot, appointmentId, technicianIds) {
      const technicians = await deps.techniciansIn(slot.region);
      const taken = await changePlan<{ answer: RouteAnswer; changes: RouteChange[] }>(
        deps.plans,
        slot.region,
        slot.localDate,
        async (current) => {
          const plan = current ?? emptyPlan(slot.region, slot.localDate, deps.timeZone, stamp());
          const placed = plan.plan.routes.find((route) =>
            route.stops.some((stop) => stop.visitId === appointmentId),
          );
          if (placed !== undefined && technicianIds.includes(placed.technicianId))
            return {
              keep: true,
              result: { answer: { kind: 'fits', technicianId: placed.technicianId }, changes: [] },
            };
          const visit = visitFor(workOrder, slot, appointmentId, deps.timeZone);
          const visits = [...plan.visits.filter((v) => v.id !== appointmentId), visit];
          const day = dayOf(plan, technicians, visits);
          if (day.technicians.length === 0)
            return { keep: true, result: { answer: { kind: 'noData' }, changes: [] } };
          const legs = await deps.legs(slot.localDate, dayLocations(day));
          const inserted = insertVisit(day, plan.plan, planVisitOf(visit), legs, technicianIds);
          if (!inserted.fits) return { keep: true, result: { answer: { kind: 'noFit' }, changes: [] } };
          return {
            write: { ...plan, visits, plan: inserted.plan, updatedAt: stamp() },
            result: {
              answer: { kind: 'fits', technicianId: inserted.technicianId },
              changes: dayChanges(plan.plan, inserted.plan, visits),
            },
          };
        },
      );
      await note(taken.changes, `booking:${appointmentId}`, 'booking');
      return taken.answer;
    },

    async release(slotId, appointmentId) {
      const parsed = parseSlotId(slotId);
      if (parsed === undefined) return;
      const technicians = await deps.techniciansIn(parsed.region);
      const changes = await changePlan<RouteChange[]>(
        deps.plans,
        parsed.region,
        parsed.localDate,
        async (current) => {
          if (current === undefined || !current.visits.some((visit) => visit.id === appointmentId))
            return { keep: true, result: [] };
          const day = dayOf(current, technicians);
          const legs = await deps.legs(current.date, dayLocations(day));
          const visits = current.visits.filter((visit) => visit.id !== appointmentId);
          const plan = removeVisit(day, current.plan, appointmentId, legs);
          return {
            write: { ...current, visits, plan, updatedAt: stamp() },
            result: dayChanges(current.plan, plan, visits),
          };
        },
      );
      await note(changes, `release:${appointmentId}`, 'bookingReleased');
    },
  };
}
