import type { Technician } from '../../shared/technicians/technician';

const weekdayHours = [{ start: '08:00', end: '16:30' }];

/** A Ghent technician on 08:00–16:30 weekdays, Brussels time. */
export const technician = (id: string, overrides: Partial<Technician> = {}): Technician => ({
  id,
  displayName: `Technician ${id}`,
  skills: ['fibre-splicing'],
  region: 'BE-VOV',
  homeBase: { latitude: 51.05, longitude: 3.72 },
  timeZone: 'Europe/Brussels',
  workingHours: {
    mon: weekdayHours,
    tue: weekdayHours,
    wed: weekdayHours,
    thu: weekdayHours,
    fri: weekdayHours,
    sat: [],
    sun: [],
  },
  absences: [],
  active: true,
  updatedAt: '2026-11-01T00:00:00Z',
  ...overrides,
});

export const request = (
  workOrderId: string,
  overrides: Partial<{ requiredSkills: string[]; minutes: number }> = {},
) => ({
  workOrderId,
  requiredSkills: ['fibre-splicing'],
  minutes: 120,
  site: { latitude: 51.0543, longitude: 3.7174 },
  ...overrides,
});
