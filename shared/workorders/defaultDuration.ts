import type { WorkType } from '../contracts/inbound/workType';

/** Planning duration when the utility gives none: typical visit lengths per work type, in minutes. */
const typicalMinutes: Readonly<Record<WorkType, number>> = {
  installation: 120,
  repair: 90,
  inspection: 45,
  maintenance: 60,
  meterExchange: 60,
  disconnection: 45,
  reconnection: 45,
};

export const plannedDurationMinutes = (workType: WorkType, estimatedDurationMinutes?: number): number =>
  estimatedDurationMinutes ?? typicalMinutes[workType];
