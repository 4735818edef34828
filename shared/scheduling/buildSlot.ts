import { instantAt } from '../common/zonedTime';
import type { Technician, Weekday } from '../technicians/technician';
import { slotIdFor, type Slot, type SlotWindow } from './slot';

const weekdays: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const dayParts = (localDate: string) => {
  const [year, month, day] = localDate.split('-').map(Number) as [number, number, number];
  return { year, month, day };
};

const at = (localDate: string, time: string, timeZone: string): Date => {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return instantAt({ ...dayParts(localDate), hour, minute }, timeZone);
};

const overlapMs = (a: [number, number], b: [number, number]): number =>
  Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));

/**
 * Minutes a technician works inside [start, end): their own hours on that weekday, in their own
 * time zone, less any absence. Absences are assumed not to overlap each other.
 */
export function workingMinutesWithin(
  technician: Technician,
  localDate: string,
  start: Date,
  end: Date,
): number {
  if (!technician.active) return 0;
  const { year, month, day } = dayParts(localDate);
  const weekday = weekdays[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] ?? 'sun';
  const window: [number, number] = [start.getTime(), end.getTime()];
  let worked = 0;
  for (const interval of technician.workingHours[weekday]) {
    const shift: [number, number] = [
      at(localDate, interval.start, technician.timeZone).getTime(),
      at(localDate, interval.end, technician.timeZone).getTime(),
    ];
    const inWindow: [number, number] = [Math.max(shift[0], window[0]), Math.min(shift[1], window[1])];
    if (inWindow[0] >= inWindow[1]) continue;
    const absent = technician.absences.reduce(
      (sum, absence) => sum + overlapMs(inWindow, [Date.parse(absence.from), Date.parse(absence.to)]),
      0,
    );
    worked += inWindow[1] - inWindow[0] - absent;
  }
  return Math.max(0, Math.floor(worked / 60_000));
}

/** A fresh, unbooked slot from the region's technicians, as it is created on first booking. */
export function buildSlot(
  technicians: readonly Technician[],
  region: string,
  localDate: string,
  window: SlotWindow,
  timeZone: string,
): Slot {
  const start = at(localDate, window.start, timeZone);
  const end = at(localDate, window.end, timeZone);
  return {
    id: slotIdFor(region, localDate, window),
    docType: 'slot',
    region,
    localDate,
    timeZone,
    window,
    windowStart: start.toISOString(),
    windowEnd: end.toISOString(),
    technicians: technicians
      .filter((technician) => technician.region === region)
      .map((technician) => ({
        technicianId: technician.id,
        skills: [...technician.skills],
        homeBase: technician.homeBase,
        capacityMinutes: workingMinutesWithin(technician, localDate, start, end),
      }))
      .filter((technician) => technician.capacityMinutes > 0),
    bookings: [],
  };
}
