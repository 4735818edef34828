import { describe, expect, it } from 'vitest';
import type { DayInput } from '../../shared/dispatch/dayInput';
import { dayLocations, planDay } from '../../shared/dispatch/planDay';
import { greatCircleMatrix, greatCircleMinutes } from '../../shared/dispatch/travelTime';
import { at, day, planViolations, technician, visit } from './dayFixtures';

function plan(input: DayInput, maxIterations = 300) {
  const points = dayLocations(input);
  const travel = greatCircleMatrix(points, points);
  const result = planDay(input, travel, { seed: 7, maxIterations });
  expect(planViolations(input, result, (a, b) => travel.minutes[a * points.length + b]!)).toEqual([]);
  return result;
}

const reasonOf = (input: DayInput, id: string) => plan(input).unplaced.find((u) => u.visitId === id)?.reason;

describe('planDay: bad input is answered with reasons', () => {
  it('plans an empty day as idle routes', () => {
    const result = plan(day([technician('t1')], []));
    expect(result.routes).toEqual([
      { technicianId: 't1', stops: [], travelMinutes: 0, workMinutes: 0, returnTravelMinutes: 0 },
    ]);
    expect(result.unplaced).toEqual([]);
  });

  it('explains every visit when there are no technicians', () => {
    const result = plan(day([], [visit('a'), visit('b')]));
    expect(result.routes).toEqual([]);
    expect(result.unplaced).toEqual([
      { visitId: 'a', reason: 'noSkilledTechnician' },
      { visitId: 'b', reason: 'noSkilledTechnician' },
    ]);
  });

  it('names the reason for each visit that cannot be placed', () => {
    const input = day(
      [technician('t1'), technician('t2', { skills: ['gas'], absences: [{ start: '07:00', end: '18:00' }] })],
      [
        visit('ok'),
        visit('welding', { skills: ['welding'] }),
        visit('gas', { skills: ['gas'] }),
        visit('backwards', { window: { start: '11:00', end: '09:00' } }),
        visit('dawn', { window: { start: '05:00', end: '06:00' } }),
        visit('far', { location: at(43.3, 5.4), window: { start: '08:00', end: '16:00' } }),
        visit('odd', { workType: 'teleport' }),
      ],
    );
    expect(plan(input).unplaced).toEqual([
      { visitId: 'welding', reason: 'noSkilledTechnician' },
      { visitId: 'gas', reason: 'technicianAbsent' },
      { visitId: 'backwards', reason: 'invalidWindow' },
      { visitId: 'dawn', reason: 'windowUnreachable' },
      { visitId: 'far', reason: 'shiftTooShort' },
      { visitId: 'odd', reason: 'unknownWorkType' },
    ]);
    expect(plan(input).routes[0]!.stops.map((s) => s.visitId)).toEqual(['ok']);
  });

  it('treats a day off as absent', () => {
    const weekendOnly = technician('t1', {
      shifts: {
        mon: null,
        tue: null,
        wed: null,
        thu: null,
        fri: null,
        sat: { start: '08:00', end: '12:00' },
        sun: null,
      },
    });
    expect(reasonOf(day([weekendOnly], [visit('a')]), 'a')).toBe('technicianAbsent');
  });

  it('says the day is full when every technician is busy, keeping the urgent visit', () => {
    const oneVisit = technician('t1', { maxVisits: 1 });
    const result = plan(day([oneVisit], [visit('normal'), visit('urgent', { priority: 'urgent' })]));
    expect(result.routes[0]!.stops.map((s) => s.visitId)).toEqual(['urgent']);
    expect(result.unplaced).toEqual([{ visitId: 'normal', reason: 'dayFull' }]);
  });
});

describe('planDay: the routes', () => {
  it('keeps pinned visits with their technician, first and in order, even when late', () => {
    const input = day(
      [technician('t1'), technician('t2')],
      [
        visit('free1', { location: at(51.25, 4.45) }),
        visit('late', {
          window: { start: '06:00', end: '06:30' },
          pin: { technicianId: 't2', status: 'dispatched', sequence: 1 },
        }),
        visit('site', { pin: { technicianId: 't2', status: 'onSite', sequence: 0 } }),
        visit('free2', { location: at(51.22, 4.42) }),
      ],
    );
    const result = plan(input);
    const t2 = result.routes.find((r) => r.technicianId === 't2')!;
    expect(t2.stops.slice(0, 2).map((s) => [s.visitId, s.pinned])).toEqual([
      ['site', true],
      ['late', true],
    ]);
    expect(result.unplaced).toEqual([]);
  });

  it('orders visits to save travel and times every stop after its travel, inside its window', () => {
    const line = [0.01, 0.04, 0.02, 0.03].map((d, k) =>
      visit(`v${k}`, { location: at(51.2 + d, 4.4), window: { start: '08:00', end: '16:00' } }),
    );
    const result = plan(day([technician('t1', { breaks: [] })], line));
    // On a line from the depot the best tour goes out to the farthest visit and back once.
    const outAndBack = 2 * greatCircleMinutes(at(51.2, 4.4), at(51.24, 4.4));
    expect(result.routes[0]!.travelMinutes).toBeCloseTo(outAndBack, 1);
    const stops = result.routes[0]!.stops;
    expect(
      stops.every((s, k) => k === 0 || s.arrival > stops[k - 1]!.end || s.arrival === stops[k - 1]!.end),
    ).toBe(true);
  });

  it('moves a visit past a break rather than through it', () => {
    const input = day([technician('t1')], [visit('lunch', { window: { start: '11:50', end: '12:40' } })]);
    const stop = plan(input).routes[0]!.stops[0]!;
    expect(stop.start).toBe('12:30');
  });

  it('spreads work over technicians when travel is equal', () => {
    const visits = Array.from({ length: 6 }, (_, k) =>
      visit(`v${k}`, { location: at(51.2, 4.4), window: { start: '08:00', end: '16:00' } }),
    );
    const result = plan(
      day([technician('t1', { breaks: [] }), technician('t2', { breaks: [] })], visits),
      800,
    );
    expect(result.routes.map((r) => r.stops.length)).toEqual([3, 3]);
  });
});
