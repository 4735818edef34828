import type { Technician, Weekday } from '../technicians/technician';
import type { WorkOrder } from '../workorders/workOrder';
import type { DayInput, LocalInterval, PlanTechnician, PlanVisit, VisitPin, VisitPriority } from './dayInput';
import { weekdayOf } from './planDay';
import { localTimeOn } from './localClock';
import type { StoredVisit } from './storedPlan';

const weekdays: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * A technician as the planner sees them on one day. Working hours of a weekday become one shift from
 * the first interval's start to the last one's end, the gaps between intervals breaks (a split shift
 * is a long lunch, not two days); absences are cut to the day in the plan's zone. Home is start and end.
 */
export function planTechnicianOf(technician: Technician, date: string, timeZone: string): PlanTechnician {
  const shifts = Object.fromEntries(
    weekdays.map((day): [Weekday, LocalInterval | null] => {
      const intervals = technician.workingHours[day];
      const first = intervals[0];
      const last = intervals.at(-1);
      return [day, first === undefined || last === undefined ? null : { start: first.start, end: last.end }];
    }),
  ) as Record<Weekday, LocalInterval | null>;
  const today = [...technician.workingHours[weekdayOf(date)]].sort((a, b) => a.start.localeCompare(b.start));
  const breaks = today.slice(1).map((interval, k) => ({ start: today[k]!.end, end: interval.start }));
  const absences = technician.absences
    .map((absence) => ({
      start: localTimeOn(new Date(absence.from), date, timeZone),
      end: localTimeOn(new Date(absence.to), date, timeZone),
    }))
    .filter((interval) => interval.start < interval.end);
  return {
    id: technician.id,
    skills: [...technician.skills],
    start: technician.homeBase,
    end: technician.homeBase,
    shifts,
    breaks,
    absences,
  };
}

/** Utility priorities on the planner's scale: an emergency outweighs any number of routine visits in a day. */
const priorityOf: Record<WorkOrder['priority'], VisitPriority> = {
  low: 'normal',
  normal: 'normal',
  high: 'high',
  emergency: 'urgent',
};

/**
 * The planner prices service time by work type; Fieldline's work orders carry their own estimate, so
 * the key is the work type and the minutes together and every estimate is its own "type".
 */
export const serviceKey = (workType: string, minutes: number): string => `${workType}:${minutes}`;

/** A visit the technician has set out for or is at stays theirs, in the order they are doing them. */
function statusPin(workOrder: WorkOrder): VisitPin | undefined {
  switch (workOrder.state.status) {
    case 'OnSite':
      return { technicianId: workOrder.state.technicianId, status: 'onSite', sequence: 0 };
    case 'EnRoute':
      return { technicianId: workOrder.state.technicianId, status: 'enRoute', sequence: 1 };
    default:
      return undefined;
  }
}

export interface BookedVisit {
  readonly workOrder: WorkOrder;
  readonly appointmentId: string;
  readonly windowStart: string;
  readonly windowEnd: string;
}

/**
 * A booked appointment as a stored plan visit. `pinnedBefore` is the pin a dispatcher set on the
 * board; the technician's own progress (en route, on site) overrides it.
 */
export function storedVisitOf(
  booked: BookedVisit,
  date: string,
  timeZone: string,
  pinnedBefore?: VisitPin,
): StoredVisit {
  const { workOrder } = booked;
  const pin = statusPin(workOrder) ?? pinnedBefore;
  return {
    id: booked.appointmentId,
    workOrderId: workOrder.id,
    location: { latitude: workOrder.site.latitude, longitude: workOrder.site.longitude },
    workType: serviceKey(workOrder.workType, workOrder.estimatedDurationMinutes),
    serviceMinutes: workOrder.estimatedDurationMinutes,
    window: {
      start: localTimeOn(new Date(booked.windowStart), date, timeZone),
      end: localTimeOn(new Date(booked.windowEnd), date, timeZone),
    },
    skills: [...workOrder.requiredSkills],
    priority: priorityOf[workOrder.priority],
    correlationId: workOrder.correlationId,
    ...(pin === undefined ? {} : { pin }),
  };
}

/** The planner's part of a stored visit. */
export const planVisitOf = ({
  workOrderId: _workOrder,
  serviceMinutes: _minutes,
  correlationId: _correlation,
  ...visit
}: StoredVisit): PlanVisit => visit;

/** The planner's input for a region-day: its working technicians and every stored visit. */
export function regionDayInput(
  region: string,
  date: string,
  timeZone: string,
  technicians: readonly Technician[],
  visits: readonly StoredVisit[],
): DayInput {
  return {
    region,
    date,
    technicians: technicians
      .filter((technician) => technician.active && technician.region === region)
      .map((technician) => planTechnicianOf(technician, date, timeZone)),
    visits: visits.map(planVisitOf),
    workTypeMinutes: Object.fromEntries(visits.map((visit) => [visit.workType, visit.serviceMinutes])),
  };
}
