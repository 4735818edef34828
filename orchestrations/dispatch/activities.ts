import type { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { z } from 'zod';
import type { TimelineEvent } from '../../shared/timeline/timelineEvent';
import type { Technician } from '../../shared/technicians/technician';
import { IsoDate } from '../../shared/common/time';
import { dayChanges } from '../../shared/dispatch/dayChanges';
import type { DayInput } from '../../shared/dispatch/dayInput';
import { legSource, matrixOf } from '../../shared/dispatch/legMinutes';
import { dayLocations } from '../../shared/dispatch/planDay';
import { changePlan, type PlanStore } from '../../shared/dispatch/planStore';
import { optimiseDay } from '../../shared/dispatch/optimiseDay';
import { regionDayInput, storedVisitOf, type BookedVisit } from '../../shared/dispatch/regionDayInput';
import { routeChangeEvent } from '../../shared/dispatch/routeChangeEvent';
import { emptyPlan, type StoredPlan } from '../../shared/dispatch/storedPlan';
import type { TravelTimePort } from '../../shared/dispatch/travelTime';
import { dispatchActivityNames, PlanRegionDayInput, type RegionDay, type RegionDayOutcome } from './contract';

/** What planning reads and writes; built on first use so the app loads without settings. */
export interface DispatchDependencies {
  readonly plans: PlanStore;
  readonly techniciansIn: (region: string) => Promise<readonly Technician[]>;
  /** Regions with at least one active technician. */
  readonly regions: () => Promise<readonly string[]>;
  /** The work orders' current bookings whose window starts on that local day in the region. */
  readonly bookedVisits: (region: string, date: string) => Promise<readonly BookedVisit[]>;
  readonly travel: TravelTimePort | undefined;
  /** The booking (and the work order) follow the plan to another technician. */
  readonly reassign: (workOrderId: string, appointmentId: string, technicianId: string) => Promise<void>;
  /** Writes a timeline entry once (create-or-409). */
  readonly recordEvent: (event: TimelineEvent) => Promise<void>;
  readonly timeZone: string;
  readonly now: () => Date;
}

/**
 * The search stops at its time limit, not when it stops improving, so a small day gets a small share
 * of the budget: a second plus 60 ms a visit (the product benchmark's 480 visits reach the full 30 s).
 */
const searchBudgetMs = (budgetMs: number, visits: number): number => Math.min(budgetMs, 1000 + 60 * visits);

/** Travel over the whole day from the port in one matrix; a failed answer prices the day great-circle. */
async function dayMatrix(input: DayInput, travel: TravelTimePort | undefined) {
  const points = dayLocations(input);
  return matrixOf(input, await legSource(travel)(input.date, points));
}

/**
 * One region-day: the bookings as they stand now (the source of truth, so a visit a booking failed to
 * add is planned anyway), the board's pins kept, routes searched within the budget, stored only over
 * the version read (a booking meanwhile makes it plan again), then every changed visit noted and,
 * when it moved technician, its booking moved too. A crash after the write and before the notes loses
 * the notes, not the plan: the next run compares against the stored plan.
 */
export async function planRegionDay(raw: unknown, deps: DispatchDependencies): Promise<RegionDayOutcome> {
  const input = PlanRegionDayInput.parse(raw);
  const { region, date } = input;
  const [technicians, booked] = await Promise.all([
    deps.techniciansIn(region),
    deps.bookedVisits(region, date),
  ]);
  const at = deps.now().toISOString();
  const { next, changes } = await changePlan(deps.plans, region, date, async (current) => {
    const base = current ?? emptyPlan(region, date, deps.timeZone, at);
    const boardPins = new Map(
      base.visits.flatMap((visit) =>
        visit.pin?.status === 'dispatched' ? [[visit.id, visit.pin] as const] : [],
      ),
    );
    const visits = booked.map((visit) =>
      storedVisitOf(visit, date, base.timeZone, boardPins.get(visit.appointmentId)),
    );
    const stored: StoredPlan = { ...base, visits };
    const dayInput = regionDayInput(region, date, base.timeZone, technicians, visits);
    const matrix = await dayMatrix(dayInput, deps.travel);
    const planned = optimiseDay(stored, technicians, () => matrix, {
      seed: input.seed,
      timeLimitMs: searchBudgetMs(input.budgetMs, visits.length),
      at,
    });
    return {
      write: planned,
      result: { next: planned, changes: dayChanges(current?.plan, planned.plan, visits) },
    };
  });
  const actor =
    input.trigger === 'nightly'
      ? { kind: 'system' as const }
      : { kind: 'ops' as const, id: input.requestedBy };
  for (const change of changes) {
    if (change.kind === 'reassigned')
      await deps.reassign(change.visit.workOrderId, change.visit.id, change.after.technicianId);
    await deps.recordEvent(
      routeChangeEvent(change, `${input.runId}:${region}:${date}`, input.trigger, at, actor),
    );
  }
  return {
    region,
    date,
    visits: next.visits.length,
    routed: next.plan.routes.reduce((sum, route) => sum + route.stops.length, 0),
    unplaced: next.plan.unplaced.length,
    travelMinutes: next.plan.travelMinutes,
    changes: changes.length,
    reassigned: changes.filter((change) => change.kind === 'reassigned').length,
  };
}

const ListInput = z.object({ dates: z.array(IsoDate) });

export async function listRegionDays(raw: unknown, deps: DispatchDependencies): Promise<RegionDay[]> {
  const { dates } = ListInput.parse(raw);
  const regions = [...(await deps.regions())].sort();
  return dates.flatMap((date) => regions.map((region) => ({ region, date })));
}

/** Registers the activities over dependencies made on first use. */
export function registerDispatchActivities(dependencies: () => DispatchDependencies): void {
  df.app.activity(dispatchActivityNames.listRegionDays, {
    handler: (input: unknown) => listRegionDays(input, dependencies()),
  });
  df.app.activity(dispatchActivityNames.planRegionDay, {
    handler: async (input: unknown, context: InvocationContext) => {
      const outcome = await planRegionDay(input, dependencies());
      context.log(JSON.stringify({ message: 'region-day planned', ...outcome }));
      return outcome;
    },
  });
}
