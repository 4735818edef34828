import fc from 'fast-check';
import type { DayInput, LocalInterval, PlanTechnician, PlanVisit } from '../../shared/dispatch/dayInput';
import type { DayPlan } from '../../shared/dispatch/dayPlan';
import { clockTime } from '../../shared/dispatch/planDay';
import { minutesOfDay } from '../../shared/common/time';

/** 2026-12-02 is a Wednesday. */
export const planDate = '2026-12-02';
export const workTypeMinutes = { install: 45, repair: 30, survey: 20 };

export const at = (lat: number, lon: number) => ({ latitude: lat, longitude: lon });
const depot = at(51.2, 4.4);

export function technician(id: string, overrides: Partial<PlanTechnician> = {}): PlanTechnician {
  const shift = { start: '08:00', end: '17:00' };
  return {
    id,
    skills: ['fibre'],
    start: depot,
    end: depot,
    shifts: { mon: shift, tue: shift, wed: shift, thu: shift, fri: shift, sat: null, sun: null },
    breaks: [{ start: '12:00', end: '12:30' }],
    absences: [],
    ...overrides,
  };
}

export function visit(id: string, overrides: Partial<PlanVisit> = {}): PlanVisit {
  return {
    id,
    location: at(51.21, 4.41),
    workType: 'repair',
    window: { start: '08:00', end: '12:00' },
    skills: ['fibre'],
    priority: 'normal',
    ...overrides,
  };
}

export function day(technicians: PlanTechnician[], visits: PlanVisit[]): DayInput {
  return { region: 'BE-ANT', date: planDate, technicians, visits, workTypeMinutes };
}

const skillPool = ['fibre', 'gas', 'meter'] as const;
const minute = (m: number): string => clockTime(m);
const interval = (from: number, length: number): LocalInterval => ({
  start: minute(from),
  end: minute(from + length),
});

/** Random region-days: a few technicians with varied shifts, breaks, skills and absences; visits with pins. */
export const randomDay: fc.Arbitrary<DayInput> = fc
  .record({
    techs: fc.array(
      fc.record({
        lat: fc.double({ min: 51.0, max: 51.4, noNaN: true }),
        lon: fc.double({ min: 4.2, max: 4.7, noNaN: true }),
        shiftStart: fc.integer({ min: 6 * 60, max: 10 * 60 }),
        shiftLength: fc.integer({ min: 2 * 60, max: 10 * 60 }),
        breakAt: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
        skills: fc.subarray([...skillPool], { minLength: 0 }),
        absentAllDay: fc.integer({ min: 0, max: 5 }).map((k) => k === 0),
        maxVisits: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
      }),
      { minLength: 0, maxLength: 5 },
    ),
    visits: fc.array(
      fc.record({
        lat: fc.double({ min: 51.0, max: 51.4, noNaN: true }),
        lon: fc.double({ min: 4.2, max: 4.7, noNaN: true }),
        windowStart: fc.integer({ min: 5 * 60, max: 18 * 60 }),
        windowLength: fc.integer({ min: -30, max: 240 }),
        workType: fc.constantFrom('install', 'repair', 'survey', 'unknown'),
        skills: fc.subarray([...skillPool, 'welding'], { maxLength: 2 }),
        priority: fc.constantFrom('normal', 'high', 'urgent'),
        pinTo: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined, freq: 4 }),
      }),
      { minLength: 0, maxLength: 18 },
    ),
  })
  .map(({ techs, visits }) => {
    const technicians = techs.map((t, k) => {
      const shift = interval(t.shiftStart, t.shiftLength);
      return technician(`t${k}`, {
        start: at(t.lat, t.lon),
        end: k % 2 === 0 ? at(t.lat, t.lon) : depot,
        skills: t.skills,
        shifts: { mon: shift, tue: shift, wed: shift, thu: shift, fri: shift, sat: null, sun: null },
        breaks: t.breakAt === undefined ? [] : [interval(t.shiftStart + t.breakAt, 30)],
        absences: t.absentAllDay ? [{ start: '00:00', end: '23:59' }] : [],
        ...(t.maxVisits === undefined ? {} : { maxVisits: t.maxVisits }),
      });
    });
    const sequence = new Map<number, number>();
    const planVisits = visits.map((v, k): PlanVisit => {
      const pinTo = v.pinTo !== undefined && v.pinTo < technicians.length ? v.pinTo : undefined;
      const seq = pinTo === undefined ? 0 : (sequence.get(pinTo) ?? 0);
      if (pinTo !== undefined) sequence.set(pinTo, seq + 1);
      return {
        id: `v${k}`,
        location: at(v.lat, v.lon),
        workType: v.workType,
        window: { start: minute(v.windowStart), end: minute(v.windowStart + v.windowLength) },
        skills: v.skills,
        priority: v.priority,
        ...(pinTo === undefined
          ? {}
          : {
              pin: { technicianId: `t${pinTo}`, status: seq === 0 ? 'onSite' : 'dispatched', sequence: seq },
            }),
      } as PlanVisit;
    });
    return day(technicians, planVisits);
  });

/**
 * Checks a plan against the rules, from the input alone (times are whole minutes in the plan, so
 * one minute of rounding is allowed each way).
 */
export function planViolations(
  input: DayInput,
  plan: DayPlan,
  legMinutes: (a: number, b: number) => number,
): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const visits = new Map(input.visits.map((v, k) => [v.id, { visit: v, index: k }]));
  const techs = new Map(input.technicians.map((t, k) => [t.id, { tech: t, index: k }]));
  const T = input.technicians.length;
  for (const route of plan.routes) {
    const entry = techs.get(route.technicianId);
    if (entry === undefined) {
      problems.push(`route for unknown technician ${route.technicianId}`);
      continue;
    }
    const { tech, index } = entry;
    const shift = tech.shifts.wed!;
    if (route.stops.length > 0 && shift === null) problems.push(`${tech.id} works on a day off`);
    if (
      tech.absences.some(
        (a) =>
          minutesOfDay(a.start) <= minutesOfDay(shift.start) &&
          minutesOfDay(a.end) >= minutesOfDay(shift.end),
      ) &&
      route.stops.length > 0
    ) {
      problems.push(`${tech.id} is absent but routed`);
    }
    // Pinned visits are under way and stay even past the limit; the planner adds none beyond it.
    const addsVisits = route.stops.some((s) => visits.get(s.visitId)?.visit.pin === undefined);
    if (tech.maxVisits !== undefined && addsVisits && route.stops.length > tech.maxVisits) {
      problems.push(`${tech.id} over max visits`);
    }
    let where = 2 * index;
    let free = minutesOfDay(shift.start);
    let pinnedRun = true;
    let lastPinSequence = -1;
    for (const stop of route.stops) {
      seen.set(stop.visitId, (seen.get(stop.visitId) ?? 0) + 1);
      const v = visits.get(stop.visitId);
      if (v === undefined) {
        problems.push(`unknown visit ${stop.visitId}`);
        continue;
      }
      const { visit: vis, index: vIndex } = v;
      const loc = 2 * T + vIndex;
      const arrival = free + legMinutes(where, loc);
      const start = minutesOfDay(stop.start);
      const end = minutesOfDay(stop.end);
      if (start < arrival - 1)
        problems.push(`${vis.id} starts at ${stop.start} before arriving at ${clockTime(arrival)}`);
      if (!vis.skills.every((s) => tech.skills.includes(s)) && vis.pin === undefined)
        problems.push(`${vis.id} lacks skills on ${tech.id}`);
      if (vis.pin === undefined) {
        pinnedRun = false;
        if (start < minutesOfDay(vis.window.start) - 1 || start > minutesOfDay(vis.window.end) + 1) {
          problems.push(`${vis.id} starts ${stop.start} outside ${vis.window.start}–${vis.window.end}`);
        }
      } else {
        if (vis.pin.technicianId !== tech.id)
          problems.push(`${vis.id} pinned to ${vis.pin.technicianId}, on ${tech.id}`);
        if (!pinnedRun) problems.push(`${vis.id} pinned but after an unpinned visit`);
        if (vis.pin.sequence < lastPinSequence) problems.push(`${vis.id} out of pin order`);
        lastPinSequence = vis.pin.sequence;
      }
      if (vis.pin === undefined) {
        for (const b of [...tech.breaks, ...tech.absences]) {
          if (start < minutesOfDay(b.end) - 1 && end > minutesOfDay(b.start) + 1)
            problems.push(`${vis.id} overlaps break ${b.start}`);
        }
        if (start < minutesOfDay(shift.start) - 1) problems.push(`${vis.id} before shift`);
      }
      free = end;
      where = loc;
    }
    const unpinned = route.stops.some((s) => visits.get(s.visitId)?.visit.pin === undefined);
    if (unpinned && free + legMinutes(where, 2 * index + 1) > minutesOfDay(shift.end) + 1) {
      problems.push(`${tech.id} back after shift end`);
    }
  }
  for (const u of plan.unplaced) seen.set(u.visitId, (seen.get(u.visitId) ?? 0) + 1);
  for (const v of input.visits) {
    if (seen.get(v.id) !== 1)
      problems.push(`${v.id} appears ${seen.get(v.id) ?? 0} times (routed + unplaced)`);
  }
  return problems;
}
