import { z } from 'zod';
import { CasePriority } from '../cases/case';
import { WorkPriority } from '../contracts/inbound/workType';
import { err, ok, type Result } from '../result';
import { BusinessCalendarConfig } from './businessCalendar';
import { businessCalendarFrom, unknownHolidayPlace } from './publicHolidays';
import type { SlaTerms } from './slaClock';

export const SlaMetric = z.enum(['firstResponse', 'resolution', 'timeToDispatch', 'timeToComplete']);
export type SlaMetric = z.infer<typeof SlaMetric>;

const Minutes = z.int().min(1).max(525_600);

/**
 * One SLA policy: its targets in business minutes per priority, the share of the target at which
 * it warns, and the calendar its clock runs on (a name from `calendars`; none = around the clock).
 */
const MetricPolicy = <P extends z.ZodEnum>(priorities: P) =>
  z.strictObject({
    calendar: z.string().min(1).nullable().optional(),
    targetMinutes: z.partialRecord(priorities, Minutes).optional(),
    warningFraction: z.number().gt(0).lt(1).optional(),
  });

/** The `SlaPolicies` setting: JSON, each part optional, laid over the defaults below. */
export const SlaPoliciesSetting = z
  .strictObject({
    calendars: z.record(z.string().regex(/^[A-Za-z][\w-]{0,39}$/), BusinessCalendarConfig).default({}),
    firstResponse: MetricPolicy(CasePriority).optional(),
    resolution: MetricPolicy(CasePriority).optional(),
    timeToDispatch: MetricPolicy(WorkPriority).optional(),
    timeToComplete: MetricPolicy(WorkPriority).optional(),
  })
  .superRefine((setting, context) => {
    for (const [name, calendar] of Object.entries(setting.calendars)) {
      const unknown = unknownHolidayPlace(calendar.holidays);
      if (unknown !== undefined)
        context.addIssue({ code: 'custom', path: ['calendars', name, 'holidays'], message: unknown });
    }
  });
export type SlaPoliciesSetting = z.infer<typeof SlaPoliciesSetting>;

const weekdays = (start: string, end: string) => ({
  mon: [{ start, end }],
  tue: [{ start, end }],
  wed: [{ start, end }],
  thu: [{ start, end }],
  fri: [{ start, end }],
  sat: [],
  sun: [],
});

/**
 * Out of the box: the service desk works Monday to Friday 08:00–18:00 Brussels time, not on
 * Belgian public holidays, and case clocks follow it; field work is measured around the clock,
 * since utilities contract it in days.
 */
export const defaultSlaPolicies = {
  calendars: {
    serviceDesk: {
      timeZone: 'Europe/Brussels',
      hours: weekdays('08:00', '18:00'),
      holidays: { country: 'BE', dates: [] },
    },
  },
  firstResponse: {
    calendar: 'serviceDesk',
    targetMinutes: { Critical: 30, High: 60, Normal: 240, Low: 480 },
    warningFraction: 0.75,
  },
  resolution: {
    calendar: 'serviceDesk',
    targetMinutes: { Critical: 240, High: 480, Normal: 1440, Low: 2880 },
    warningFraction: 0.75,
  },
  timeToDispatch: {
    calendar: null,
    targetMinutes: { emergency: 240, high: 1440, normal: 4320, low: 7200 },
    warningFraction: 0.75,
  },
  timeToComplete: {
    calendar: null,
    targetMinutes: { emergency: 1440, high: 4320, normal: 14400, low: 28800 },
    warningFraction: 0.75,
  },
} as const;

/** Each metric's terms, ready for `slaAt`. */
export type SlaPolicies = Readonly<Record<SlaMetric, SlaTerms>>;

const lookup =
  (table: Readonly<Record<string, number>>) =>
  (priority: string): number => {
    const minutes = table[priority];
    if (minutes === undefined) throw new Error(`no SLA target for priority ${priority}`);
    return minutes;
  };

/** The policies a setting describes (each metric's own values over the defaults), or what is wrong with it. */
export function slaPoliciesFrom(setting: SlaPoliciesSetting): Result<SlaPolicies, string> {
  const calendars = { ...defaultSlaPolicies.calendars, ...setting.calendars };
  const terms: Partial<Record<SlaMetric, SlaTerms>> = {};
  for (const metric of SlaMetric.options) {
    const base = defaultSlaPolicies[metric];
    const own = setting[metric] ?? {};
    const name = own.calendar === undefined ? base.calendar : own.calendar;
    const calendar = name === null ? undefined : calendars[name as keyof typeof calendars];
    if (name !== null && calendar === undefined) return err(`${metric}.calendar: no calendar named ${name}`);
    terms[metric] = {
      targetMinutes: lookup({ ...base.targetMinutes, ...own.targetMinutes }),
      warningFraction: own.warningFraction ?? base.warningFraction,
      ...(calendar === undefined
        ? {}
        : { calendar: businessCalendarFrom(BusinessCalendarConfig.parse(calendar)) }),
    };
  }
  return ok(terms as SlaPolicies);
}

/** The defaults as policies: what a deployment without the `SlaPolicies` setting runs on. */
export const standardSlaPolicies: SlaPolicies = (() => {
  const policies = slaPoliciesFrom(SlaPoliciesSetting.parse({}));
  if (!policies.ok) throw new Error(policies.error);
  return policies.value;
})();

/** Parses the `SlaPolicies` setting's raw JSON; absent or blank means the defaults. */
export function slaPoliciesFromSetting(raw: string | undefined): Result<SlaPolicies, string> {
  if (raw === undefined || raw.trim() === '') return ok(standardSlaPolicies);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return err('SlaPolicies: must be JSON');
  }
  const parsed = SlaPoliciesSetting.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return err(`SlaPolicies.${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}`);
  }
  const policies = slaPoliciesFrom(parsed.data);
  return policies.ok ? policies : err(`SlaPolicies.${policies.error}`);
}
