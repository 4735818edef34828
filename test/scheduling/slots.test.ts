import { describe, expect, it } from 'vitest';
import { buildSlot, workingMinutesWithin } from '../../shared/scheduling/buildSlot';
import { bookableDays, offerSlots } from '../../shared/scheduling/offerSlots';
import { releaseSlot, reserveSlot } from '../../shared/scheduling/reserveSlot';
import { parseSlotId, slotIdFor } from '../../shared/scheduling/slot';
import { request, technician } from './support';

const morning = { start: '08:00', end: '12:00' };
const tz = 'Europe/Brussels';

describe('slots from technician capacity', () => {
  it('counts only working minutes inside the window, in local time, less absences', () => {
    const slot = buildSlot(
      [
        technician('T1'),
        technician('T2', {
          workingHours: { ...technician('x').workingHours, wed: [{ start: '10:00', end: '14:00' }] },
        }),
        technician('T3', {
          absences: [{ from: '2026-11-25T09:00:00Z', to: '2026-11-25T10:00:00Z', reason: 'sick' }],
        }),
        technician('T4', { region: 'BE-VAN' }),
        technician('T5', { active: false }),
      ],
      'BE-VOV',
      '2026-11-25',
      morning,
      tz,
    );
    expect(slot.windowStart).toBe('2026-11-25T07:00:00.000Z');
    expect(slot.technicians.map((t) => [t.technicianId, t.capacityMinutes])).toEqual([
      ['T1', 240],
      ['T2', 120],
      ['T3', 180],
    ]);
  });

  it('follows daylight saving: a summer morning starts at 06:00 UTC', () => {
    expect(buildSlot([technician('T1')], 'BE-VOV', '2026-06-24', morning, tz).windowStart).toBe(
      '2026-06-24T06:00:00.000Z',
    );
  });

  it('has nobody on a weekend day', () => {
    expect(
      workingMinutesWithin(
        technician('T1'),
        '2026-11-28',
        new Date('2026-11-28T07:00:00Z'),
        new Date('2026-11-28T11:00:00Z'),
      ),
    ).toBe(0);
  });

  it('round-trips slot ids', () => {
    const id = slotIdFor('BE-VOV', '2026-11-25', morning);
    expect(parseSlotId(id)).toEqual({ region: 'BE-VOV', localDate: '2026-11-25', window: morning });
    expect(parseSlotId('SL~BE-VOV~2026-11-25~0800')).toBeUndefined();
  });
});

describe('reserving capacity', () => {
  const slot = buildSlot(
    [technician('T1'), technician('T2', { skills: [] })],
    'BE-VOV',
    '2026-11-25',
    morning,
    tz,
  );

  it('takes room from a technician with the skills until none is left', () => {
    const first = reserveSlot(slot, request('W1'), '2026-11-23T10:00:00Z');
    if (!first.ok) throw new Error('first booking refused');
    expect(first.value.technicianId).toBe('T1');
    const second = reserveSlot(first.value.slot, request('W2'), '2026-11-23T10:00:00Z');
    if (!second.ok) throw new Error('second booking refused');
    expect(reserveSlot(second.value.slot, request('W3'), '2026-11-23T10:00:00Z')).toEqual({
      ok: false,
      error: 'full',
    });
    expect(reserveSlot(second.value.slot, request('W3', { requiredSkills: [] }), 'x')).toMatchObject({
      ok: true,
      value: { technicianId: 'T2' },
    });
  });

  it('treats a second reservation by the same work order as the same one', () => {
    const first = reserveSlot(slot, request('W1'), 'a');
    if (!first.ok) throw new Error('refused');
    const again = reserveSlot(first.value.slot, request('W1'), 'b');
    expect(again).toMatchObject({ ok: true, value: { alreadyHeld: true, technicianId: 'T1' } });
    if (again.ok) expect(again.value.slot.bookings).toHaveLength(1);
  });

  it('prefers the technician based nearer the site', () => {
    const near = technician('TZ', { homeBase: { latitude: 51.054, longitude: 3.717 } });
    const far = technician('TA', { homeBase: { latitude: 50.85, longitude: 4.35 } });
    const both = buildSlot([far, near], 'BE-VOV', '2026-11-25', morning, tz);
    expect(reserveSlot(both, request('W1'), 'a')).toMatchObject({ ok: true, value: { technicianId: 'TZ' } });
  });

  it('gives the place back on release, and releasing twice is harmless', () => {
    const taken = reserveSlot(slot, request('W1'), 'a');
    if (!taken.ok) throw new Error('refused');
    const released = releaseSlot(releaseSlot(taken.value.slot, 'W1'), 'W1');
    expect(released.bookings).toEqual([]);
  });
});

describe('offering slots', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  const rules = { leadTimeHours: 48, dueDate: '2026-11-27', horizonDays: 21, timeZone: tz };

  it('offers days from the lead time to the due date', () => {
    expect(bookableDays(now, rules)).toEqual(['2026-11-25', '2026-11-26', '2026-11-27']);
  });

  it('offers only windows that start after the lead time and where someone qualified has room', () => {
    const offers = offerSlots([], [technician('T1')], 'BE-VOV', request('W1'), now, rules);
    expect(offers.map((o) => o.slotId)).toEqual([
      'SL~BE-VOV~2026-11-25~1200-1600',
      'SL~BE-VOV~2026-11-26~0800-1200',
      'SL~BE-VOV~2026-11-26~1200-1600',
      'SL~BE-VOV~2026-11-27~0800-1200',
      'SL~BE-VOV~2026-11-27~1200-1600',
    ]);
    expect(
      offerSlots([], [technician('T1')], 'BE-VOV', request('W1', { requiredSkills: ['gas'] }), now, rules),
    ).toEqual([]);
  });

  it('leaves out a stored slot that is full', () => {
    const full = buildSlot([technician('T1')], 'BE-VOV', '2026-11-26', morning, tz);
    const taken = {
      ...full,
      bookings: [{ workOrderId: 'X', technicianId: 'T1', minutes: 240, bookedAt: 'a' }],
    };
    const offers = offerSlots([taken], [technician('T1')], 'BE-VOV', request('W1'), now, rules);
    expect(offers.map((o) => o.slotId)).not.toContain(full.id);
    expect(offers).toHaveLength(4);
  });
});
