import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minutesOfDay } from '../../shared/common/time';
import type { DayInput, PlanTechnician, PlanVisit } from '../../shared/dispatch/dayInput';
import type { DayPlan } from '../../shared/dispatch/dayPlan';
import { dayLocations, planDay } from '../../shared/dispatch/planDay';
import { slotFit } from '../../shared/dispatch/slotInsertion';
import { greatCircleMatrix, greatCircleMinutes } from '../../shared/dispatch/travelTime';
import { at, randomDay } from './dayFixtures';

const EPS = 1e-9;

/**
 * The rules written out again, by brute force and without the optimiser's code: can `tech` drive
 * `sequence` (the planned stops with the new one placed somewhere)? Service starts no earlier than
 * arrival and the window's start, is pushed past any break or partial absence it would overlap,
 * must start by the window's end (pinned visits are under way and exempt), and the technician is
 * back by the end of the shift.
 */
function drivable(input: DayInput, tech: PlanTechnician, sequence: readonly PlanVisit[]): boolean {
  const shift = tech.shifts.wed;
  if (shift === null || shift === undefined) return false;
  const shiftStart = minutesOfDay(shift.start);
  const shiftEnd = minutesOfDay(shift.end);
  const blocked = [...tech.breaks, ...tech.absences].map((b) => [minutesOfDay(b.start), minutesOfDay(b.end)]);
  if (blocked.some(([from, to]) => from! <= shiftStart && to! >= shiftEnd)) return false;
  let where = tech.start;
  let time = shiftStart;
  for (const stop of sequence) {
    const service = input.workTypeMinutes[stop.workType]!;
    let s = Math.max(time + greatCircleMinutes(where, stop.location), minutesOfDay(stop.window.start));
    for (let moved = true; moved;) {
      moved = false;
      for (const [from, to] of blocked) {
        if (to! > from! && s < to! && s + service > from!) {
          s = to!;
          moved = true;
        }
      }
    }
    if (stop.pin === undefined && s > minutesOfDay(stop.window.end) + EPS) return false;
    time = s + service;
    where = stop.location;
  }
  return time + greatCircleMinutes(where, tech.end) <= shiftEnd + EPS;
}

function routeOf(input: DayInput, plan: DayPlan, techId: string, without: string): PlanVisit[] {
  const visits = new Map(input.visits.map((v) => [v.id, v]));
  const route = plan.routes.find((r) => r.technicianId === techId);
  return (route?.stops ?? []).map((s) => visits.get(s.visitId)!).filter((v) => v.id !== without);
}

const offer = fc.record({
  lat: fc.double({ min: 51.0, max: 51.4, noNaN: true }),
  lon: fc.double({ min: 4.2, max: 4.7, noNaN: true }),
  windowStart: fc.integer({ min: 6 * 60, max: 17 * 60 }),
  windowLength: fc.integer({ min: 0, max: 180 }),
  workType: fc.constantFrom('install', 'repair', 'survey'),
  skills: fc.subarray(['fibre', 'gas', 'meter']),
});

describe('slotFit on random region-days', () => {
  it('offers a slot exactly when some technician could take the visit without moving anyone', () => {
    let offered = 0;
    let refused = 0;
    fc.assert(
      fc.property(randomDay, offer, fc.integer({ min: 1, max: 1000 }), (input, o, seed) => {
        const points = dayLocations(input);
        const plan = planDay(input, greatCircleMatrix(points, points), { seed, maxIterations: 60 });
        const clock = (m: number) =>
          `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        const visit: PlanVisit = {
          id: 'offered',
          location: at(o.lat, o.lon),
          workType: o.workType,
          window: { start: clock(o.windowStart), end: clock(o.windowStart + o.windowLength) },
          skills: o.skills,
          priority: 'normal',
        };
        const fit = slotFit(input, plan, visit, greatCircleMinutes);
        // Every technician and every place after the pinned stops, tried one by one.
        const possible = input.technicians.some((tech) => {
          if (!visit.skills.every((s) => tech.skills.includes(s))) return false;
          const route = routeOf(input, plan, tech.id, visit.id);
          if (tech.maxVisits !== undefined && route.length >= tech.maxVisits) return false;
          let pinned = 0;
          while (pinned < route.length && route[pinned]!.pin !== undefined) pinned++;
          for (let pos = pinned; pos <= route.length; pos++) {
            if (drivable(input, tech, [...route.slice(0, pos), visit, ...route.slice(pos)])) return true;
          }
          return false;
        });
        expect(fit.fits).toBe(possible);
        if (fit.fits) {
          offered++;
          const tech = input.technicians.find((t) => t.id === fit.technicianId)!;
          const route = routeOf(input, plan, tech.id, visit.id);
          const placed = [...route.slice(0, fit.position), visit, ...route.slice(fit.position)];
          expect(visit.skills.every((s) => tech.skills.includes(s))).toBe(true);
          expect(drivable(input, tech, placed)).toBe(true);
        } else refused++;
      }),
      { numRuns: 200 },
    );
    // Both answers must occur often enough for the property to mean something.
    expect(offered).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  });
});
