import { addCounters, zeroCounters, type KpiCounters, type KpiDayCounts } from './kpiDay';
import { histogramQuantile, resolutionBuckets } from './resolutionHistogram';

/** A share, or null when nothing was counted: "no data" is not 0 %. */
const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export interface KpiReport {
  readonly from: string;
  readonly to: string;
  /** Days in the range that had anything counted. */
  readonly daysWithData: number;
  readonly firstCallResolution: {
    readonly rate: number | null;
    readonly firstCall: number;
    readonly resolved: number;
  };
  readonly dispatch: { readonly rate: number | null; readonly escalated: number; readonly opened: number };
  readonly resolutionTime: {
    readonly completions: number;
    readonly averageHours: number | null;
    /** Bucket-accurate (interpolated within the histogram's buckets), see `histogramQuantile`. */
    readonly medianHours: number | null;
    readonly p90Hours: number | null;
  };
  readonly noContact: {
    readonly rate: number | null;
    readonly holds: number;
    readonly contactRounds: number;
  };
  readonly noShow: { readonly rate: number | null; readonly noShows: number; readonly visits: number };
  readonly satisfaction: { readonly average: number | null; readonly answers: number };
  readonly slaCompliance: { readonly rate: number | null; readonly met: number; readonly missed: number };
}

/** Adds the day documents' counters and histograms; their order does not matter. */
export function combineKpiDays(days: readonly KpiDayCounts[]): {
  counters: KpiCounters;
  histogram: number[];
} {
  let counters = zeroCounters;
  const histogram = resolutionBuckets.map(() => 0);
  for (const day of days) {
    counters = addCounters(counters, day.counters);
    day.resolutionHistogram.forEach((count, index) => {
      histogram[index] = (histogram[index] ?? 0) + count;
    });
  }
  return { counters, histogram };
}

/** The KPIs over the day documents the caller has read for the range `from`–`to`. */
export function kpiReport(from: string, to: string, days: readonly KpiDayCounts[]): KpiReport {
  const inRange = days.filter((day) => day.date >= from && day.date <= to);
  const { counters: c, histogram } = combineKpiDays(inRange);
  return {
    from,
    to,
    daysWithData: new Set(inRange.map((day) => day.date)).size,
    firstCallResolution: {
      rate: rate(c.firstCallResolved, c.casesResolved),
      firstCall: c.firstCallResolved,
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
      medianHours: histogramQuantile(histogram, 0.5),
      p90Hours: histogramQuantile(histogram, 0.9),
    },
    noContact: {
      rate: rate(c.noContact, c.contactRounds),
      holds: c.noContact,
      contactRounds: c.contactRounds,
    },
    noShow: { rate: rate(c.noShows, c.visits), noShows: c.noShows, visits: c.visits },
    satisfaction: { average: rate(c.surveyScoreTotal, c.surveys), answers: c.surveys },
    slaCompliance: { rate: rate(c.slaMet, c.slaMet + c.slaMissed), met: c.slaMet, missed: c.slaMissed },
  };
}
