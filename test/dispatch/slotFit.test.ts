import { describe, expect, it } from 'vitest';
import type { DayInput } from '../../shared/dispatch/dayInput';
import { dayLocations, planDay } from '../../shared/dispatch/planDay';
import { slotFit } from '../../shared/dispatch/slotInsertion';
import { greatCircleMatrix, greatCircleMinutes } from '../../shared/dispatch/travelTime';
import { at, day, technician, visit } from './dayFixtures';

const planned = (input: DayInput) => {
  const points = dayLocations(input);
  return planDay(input, greatCircleMatrix(points, points), { seed: 3, maxIterations: 200 });
};

describe('slotFit: a slot is offered only if the visit fits the day as planned', () => {
  const input = day(
    [technician('t1', { maxVisits: 3, breaks: [] })],
    [
      visit('a', { window: { start: '08:00', end: '09:00' } }),
      visit('b', { window: { start: '13:00', end: '14:00' }, location: at(51.3, 4.5) }),
    ],
  );
  const plan = planned(input);

  it('fits a visit into the gap, with the technician and the extra travel', () => {
    const fit = slotFit(
      input,
      plan,
      visit('new', { window: { start: '10:00', end: '11:00' } }),
      greatCircleMinutes,
    );
    expect(fit).toMatchObject({ fits: true, technicianId: 't1', position: 1 });
  });

  it('refuses a window nobody can reach from the stops around it', () => {
    const far = visit('new', { location: at(52.4, 4.9), window: { start: '09:30', end: '09:40' } });
    expect(slotFit(input, plan, far, greatCircleMinutes)).toEqual({ fits: false });
  });

  it('refuses when the technician reached the visit limit or lacks the skill', () => {
    const three = {
      ...input,
      visits: [...input.visits, visit('c', { window: { start: '15:00', end: '16:00' } })],
    };
    const full = slotFit(
      three,
      planned(three),
      visit('new', { window: { start: '10:00', end: '11:00' } }),
      greatCircleMinutes,
    );
    expect(full).toEqual({ fits: false });
    const gas = visit('new', { window: { start: '10:00', end: '11:00' }, skills: ['gas'] });
    expect(slotFit(input, plan, gas, greatCircleMinutes)).toEqual({ fits: false });
  });

  it('refuses a window in the technician break', () => {
    const withBreak = day([technician('t1')], []);
    const lunch = visit('new', { window: { start: '12:00', end: '12:05' } });
    expect(slotFit(withBreak, planned(withBreak), lunch, greatCircleMinutes)).toEqual({ fits: false });
  });
});
