import type { CasePriority } from '../cases/case';
import type { WorkPriority } from '../contracts/inbound/workType';
import type { BusinessCalendar } from './businessCalendar';
import type { SlaTerms } from './slaClock';

export type SlaMetric = 'firstResponse' | 'resolution' | 'timeToDispatch' | 'timeToComplete';

/** Targets in business minutes. Field work is measured around the clock: utilities contract in days. */
export const caseTargets: Readonly<Record<'firstResponse' | 'resolution', Record<CasePriority, number>>> = {
  firstResponse: { Critical: 30, High: 60, Normal: 240, Low: 480 },
  resolution: { Critical: 240, High: 480, Normal: 1440, Low: 2880 },
};

export const workOrderTargets: Readonly<
  Record<'timeToDispatch' | 'timeToComplete', Record<WorkPriority, number>>
> = {
  timeToDispatch: { emergency: 240, high: 1440, normal: 4320, low: 7200 },
  timeToComplete: { emergency: 1440, high: 4320, normal: 14400, low: 28800 },
};

export const warningFraction = 0.75;

/** Office hours for the service desk, Monday to Friday 08:00–18:00 Brussels time. */
export const serviceDeskCalendar: BusinessCalendar = {
  timeZone: 'Europe/Brussels',
  hours: {
    mon: [{ start: '08:00', end: '18:00' }],
    tue: [{ start: '08:00', end: '18:00' }],
    wed: [{ start: '08:00', end: '18:00' }],
    thu: [{ start: '08:00', end: '18:00' }],
    fri: [{ start: '08:00', end: '18:00' }],
    sat: [],
    sun: [],
  },
  holidays: [],
};

const lookup =
  (table: Readonly<Record<string, number>>) =>
  (priority: string): number => {
    const minutes = table[priority];
    if (minutes === undefined) throw new Error(`no SLA target for priority ${priority}`);
    return minutes;
  };

export function slaTerms(metric: SlaMetric, calendar: BusinessCalendar | undefined): SlaTerms {
  switch (metric) {
    case 'firstResponse':
    case 'resolution':
      return {
        targetMinutes: lookup(caseTargets[metric]),
        warningFraction,
        ...(calendar ? { calendar } : {}),
      };
    case 'timeToDispatch':
    case 'timeToComplete':
      return { targetMinutes: lookup(workOrderTargets[metric]), warningFraction };
    default: {
      const unhandled: never = metric;
      throw new Error(`unknown SLA metric ${String(unhandled)}`);
    }
  }
}
