import { addCounters, zeroCounters, type KpiCounters, type KpiDayCounts } from './kpiDay';
import { mergeSketches, sketchQuantile, sketchRelativeError, type DurationSketch } from './durationSketch';

/** A share, or null when nothing was counted: "no data" is not 0 %. */
const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

const hours = (minutes: number | null): number | null => (minutes === null ? null : minutes / 60);

/** Definitions and worked examples: docs/ARCHITECTURE.md, "KPIs". */
export interface KpiReport {
  readonly from: string;
  readonly to: string;
  /** Days in the range that had anything counted. */
  readonly daysWithData: number;
  /** Jobs fixed on their first visit ÷ jobs completed. */
  readonly firstTimeFix: {
    readonly rate: number | null;
    readonly firstVisitFixes: number;
    readonly completed: number;
  };
  /** Cases resolved with no work order ever linked ÷ cases resolved (not the field-service first-time fix). */
  readonly resolvedWithoutFieldService: {
    readonly rate: number | null;
    readonly withoutFieldService: number;
    readonly resolved: number;
  };
  readonly dispatch: { readonly rate: number | null; readonly escalated: number; readonly opened: number };
  readonly resolutionTime: {
    readonly completions: number;
    readonly averageHours: number | null;
    /** Estimates: each within `relativeError` of the exact percentile (PERCENTILE.INC). */
    readonly medianHours: number | null;
    readonly p90Hours: number | null;
    readonly relativeError: number;
  };
  /** Work orders put on hold for no contact ÷ work orders contacted, each once. */
  readonly noContact: {
    readonly rate: number | null;
    readonly workOrders: number;
    readonly contacted: number;
    readonly contactRounds: number;
  };
  readonly noShow: { readonly rate: number | null; readonly noShows: number; readonly visits: number };
  /** CSAT: answers of 4 or 5 ÷ answers, and the mean score. */
  readonly satisfaction: {
    readonly satisfiedRate: number | null;
    readonly average: number | null;
    readonly satisfied: number;
    readonly answers: number;
  };
  /** Met ÷ (met + missed), per kind of clock; a miss counts when the target passes, finished or not. */
  readonly caseSla: { readonly rate: number | null; readonly met: number; readonly missed: number };
  readonly workOrderSla: { readonly rate: number | null; readonly met: number; readonly missed: number };
}

/** Adds the day documents' counters and sketches; their order does not matter. */
export function combineKpiDays(days: readonly KpiDayCounts[]): {
  counters: KpiCounters;
  sketch: DurationSketch;
} {
  let counters = zeroCounters;
  for (const day of days) counters = addCounters(counters, day.counters);
  return { counters, sketch: mergeSketches(days.map((day) => day.resolutionSketch)) };
}

/** The KPIs over the day documents the caller has read for the range `from`–`to`. */
export function kpiReport(from: string, to: string, days: readonly KpiDayCounts[]): KpiReport {
  const inRange = days.filter((day) => day.date >= from && day.date <= to);
  const { counters: c, sketch } = combineKpiDays(inRange);
  const sla = (met: number, missed: number) => ({ rate: rate(met, met + missed), met, missed });
  return {
    from,
    to,
    daysWithData: new Set(inRange.map((day) => day.date)).size,
    firstTimeFix: {
      rate: rate(c.firstTimeFixes, c.completions),
      firstVisitFixes: c.firstTimeFixes,
      completed: c.completions,
    },
    resolvedWithoutFieldService: {
      rate: rate(c.firstCallResolved, c.casesResolved),
      withoutFieldService: c.firstCallResolved,
      resolved: c.casesResolved,
    },
    dispatch: {
      rate: rate(c.casesEscalated, c.casesOpened),
      escalated: c.casesEscalated,
      opened: c.casesOpened,
    },
    resolutionTime: {
      completions: c.completions,
      averageHours: c.completions === 0 ? null : c.completionMinutesTotal / c.completions / 60,
      medianHours: hours(sketchQuantile(sketch, 0.5)),
      p90Hours: hours(sketchQuantile(sketch, 0.9)),
      relativeError: sketchRelativeError,
    },
    noContact: {
      rate: rate(c.noContact, c.workOrdersContacted),
      workOrders: c.noContact,
      contacted: c.workOrdersContacted,
      contactRounds: c.contactRounds,
    },
    noShow: { rate: rate(c.noShows, c.visits), noShows: c.noShows, visits: c.visits },
    satisfaction: {
      satisfiedRate: rate(c.surveysSatisfied, c.surveys),
      average: rate(c.surveyScoreTotal, c.surveys),
      satisfied: c.surveysSatisfied,
      answers: c.surveys,
    },
    caseSla: sla(c.caseSlaMet, c.caseSlaMissed),
    workOrderSla: sla(c.workOrderSlaMet, c.workOrderSlaMissed),
  };
}
